import { asProviderError } from '../../providers/errors'
import type { ClusterAction } from '@contract'
import { actionCommand } from '../../providers/qbo/commands'
import { isSuccess, outputText, type QboMessage } from '../../providers/qbo/messages'
import type { QboSession } from '../../providers/qbo/session'
import type { JobRecord } from '../../store/job-store'
import {
  sendFailure,
  sendWriteAhead,
  type JobContext,
  type JobExecutor,
  type RunResult
} from './executor'

/** The state an action leads to; null means "gone". The server's word decides, not our guess. */
const reached: Record<ClusterAction, (state: string | null) => boolean> = {
  add: (s) => s === 'running' || s === 'ready',
  start: (s) => s === 'running' || s === 'ready',
  stop: (s) => s === 'stopped',
  delete: (s) => s === null
}
const FAILED_STATES = new Set(['error', 'failed'])

/** States that show an action is already under way on the server. */
const inFlight: Record<ClusterAction, (state: string | null) => boolean> = {
  add: (s) => s !== null,
  start: (s) => s === 'starting',
  stop: (s) => s === 'stopping',
  delete: (s) => s === 'deleting'
}

const lines = (message: QboMessage): string[] =>
  (message.output ?? []).map((o) => o.message).filter((m): m is string => Boolean(m))

/** Cluster actions: one command line, its streamed output[] as the log, the cluster's state as the end. */
export class QboExecutor implements JobExecutor {
  constructor(
    private readonly session: QboSession,
    private readonly timeoutMs: number
  ) {}

  async run(job: JobRecord, ctx: JobContext, resuming: boolean): Promise<RunResult> {
    const action = job.action as ClusterAction
    // Resumed without an answer on record, the command may have reached qbo before a crash.
    const unsure = job.args.maybeSent === true || (resuming && job.args.answered !== true)
    if (resuming || unsure) {
      const next = await this.reconcile(job, action, ctx, unsure)
      if (next !== 'send')
        return next === 'follow' ? this.follow(job, action, ctx, () => null) : next
    }
    let serverFailure: string | null = null
    let stopFollowing = (): void => {}
    const command = actionCommand(action, job.target, { name: job.target, ...job.args })
    ctx.log([`$ qbo ${command}`])
    try {
      const { first, stop } = await sendWriteAhead(ctx, () =>
        this.session.perform(command, (message) => {
          ctx.log(lines(message))
          if (!isSuccess(message))
            serverFailure = outputText(message) || `${message.status} (${message.code})`
        })
      )
      stopFollowing = stop
      ctx.log(lines(first))
    } catch (error) {
      // Sent again after a lost answer, an "already exists" means the first one did arrive.
      const e = asProviderError(error)
      if (!(unsure && action === 'add' && e.code === 409)) return sendFailure(error, ctx)
      ctx.log([`${e.message}: the first request did arrive`])
    }
    ctx.remember({ maybeSent: false, answered: true })
    try {
      return await this.follow(job, action, ctx, () => serverFailure)
    } finally {
      stopFollowing()
    }
  }

  /**
   * Before anything is sent again, asks qbo where the cluster is. Cluster names are unique and
   * qbo's actions idempotent, so "not there yet" is a certain answer and resending is safe.
   */
  private async reconcile(
    job: JobRecord,
    action: ClusterAction,
    ctx: JobContext,
    unsure: boolean
  ): Promise<RunResult | 'follow' | 'send'> {
    let state: string | null
    try {
      state = await this.session.clusterState(job.target)
    } catch (error) {
      const e = asProviderError(error)
      return e.kind === 'network' ? { state: 'paused' } : { state: 'failed', error: e.message }
    }
    if (unsure && (reached[action](state) || inFlight[action](state))) {
      ctx.log([
        `qbo shows the unconfirmed request took effect (${job.target}: ${state ?? 'absent'})`
      ])
      ctx.remember({ maybeSent: false, answered: true })
    }
    if (reached[action](state)) return { state: 'succeeded' }
    if (!unsure || inFlight[action](state)) return 'follow'
    ctx.log([
      `qbo shows no effect of the unconfirmed request (${job.target}: ${state ?? 'absent'}); sending it again`
    ])
    return 'send'
  }

  private async follow(
    job: JobRecord,
    action: ClusterAction,
    ctx: JobContext,
    failure: () => string | null
  ): Promise<RunResult> {
    const started = job.startedAt ?? ctx.now()
    for (;;) {
      const failed = failure()
      if (failed) return { state: 'failed', error: failed }
      let state: string | null
      try {
        state = await this.session.clusterState(job.target)
      } catch (error) {
        const e = asProviderError(error)
        if (e.kind === 'network') return { state: 'paused' }
        return { state: 'failed', error: e.message }
      }
      if (reached[action](state)) return { state: 'succeeded' }
      if (state !== null && FAILED_STATES.has(state)) {
        return {
          state: 'failed',
          error: failure() ?? `qbo reports ${job.target} in state “${state}”`
        }
      }
      if (ctx.now() - started > this.timeoutMs) {
        const minutes = Math.round(this.timeoutMs / 60_000)
        return {
          state: 'failed',
          error: `${job.target} did not get there within ${minutes} min (last state: ${state ?? 'absent'})`
        }
      }
      await ctx.pause()
    }
  }
}
