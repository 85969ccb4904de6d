import type { AgentEvent, ClusterAction, JobView } from './contract'
import { ProviderError } from '../providers/errors'
import { actionCommand } from '../providers/qbo/commands'
import { isSuccess, outputText, type QboMessage } from '../providers/qbo/messages'
import type { QboSession } from '../providers/qbo/session'
import { jobView, type JobArgs, type JobRecord, type JobStore } from '../store/job-store'

export interface JobPolicy {
  /** How often a running job asks the server for the cluster's state. */
  pollMs: number
  /** How long an action may take before it is called failed. */
  timeoutMs: number
  now(): number
}

export const defaultJobPolicy: JobPolicy = { pollMs: 1_000, timeoutMs: 10 * 60_000, now: Date.now }

const titles: Record<ClusterAction, string> = {
  add: 'Create cluster',
  start: 'Start cluster',
  stop: 'Stop cluster',
  delete: 'Delete cluster'
}

/** The state an action leads to; null means "gone". The server's word decides, not our guess. */
const reached: Record<ClusterAction, (state: string | null) => boolean> = {
  add: (s) => s === 'running' || s === 'ready',
  start: (s) => s === 'running' || s === 'ready',
  stop: (s) => s === 'stopped',
  delete: (s) => s === null
}
const FAILED_STATES = new Set(['error', 'failed'])

type Outcome = 'finished' | 'paused'

/**
 * Runs cluster actions: each is a durable job, sent when its account is online (in order, one at
 * a time per account) and followed until the cluster reaches the state the action promises. A job
 * interrupted by a lost connection resumes following once the account is back; one whose command
 * may or may not have reached the server is never sent twice.
 */
export class JobRunner {
  private readonly draining = new Set<string>()
  private readonly wakers = new Map<string, () => void>()

  constructor(
    private readonly store: JobStore,
    private readonly emit: (event: AgentEvent) => void,
    private readonly sessionFor: (accountId: string) => QboSession | null,
    private readonly policy: JobPolicy = defaultJobPolicy
  ) {}

  enqueue(accountId: string, action: ClusterAction, cluster: string, args: JobArgs = {}): JobView {
    // Build the command now so a job that could never be sent is refused, not queued.
    actionCommand(action, cluster, { name: cluster, ...args })
    const job = this.store.create(
      { accountId, action, cluster, args, title: `${titles[action]} ${cluster}` },
      this.policy.now()
    )
    this.emitJob(job.id)
    this.kick(accountId)
    return jobView(job)
  }

  /** The account may be able to work now (it came online, or a job was queued). */
  kick(accountId: string): void {
    void this.drain(accountId)
  }

  /** Wakes a job waiting between polls (a change arrived that may concern it). */
  nudge(): void {
    for (const wake of this.wakers.values()) wake()
  }

  private async drain(accountId: string): Promise<void> {
    if (this.draining.has(accountId)) return
    this.draining.add(accountId)
    try {
      for (;;) {
        const next = this.store.unfinished(accountId)[0]
        const session = this.sessionFor(accountId)
        if (!next || !session) return
        if ((await this.run(next, session)) === 'paused') return
      }
    } finally {
      this.draining.delete(accountId)
    }
  }

  private async run(job: JobRecord, session: QboSession): Promise<Outcome> {
    let serverFailure: string | null = null
    let stopFollowing = (): void => {}
    if (job.state === 'queued') {
      const command = actionCommand(job.action, job.cluster, { name: job.cluster, ...job.args })
      this.store.start(job.id, this.policy.now())
      this.emitJob(job.id)
      this.log(job.id, [`$ qbo ${command}`])
      const onMessage = (message: QboMessage): void => {
        this.log(job.id, lines(message))
        if (!isSuccess(message))
          serverFailure = outputText(message) || `${message.status} (${message.code})`
        this.wakers.get(job.id)?.()
      }
      try {
        const { first, stop } = await session.perform(command, onMessage)
        stopFollowing = stop
        this.log(job.id, lines(first))
      } catch (error) {
        const e = asProviderError(error)
        if (e.kind === 'network' && e.unsent) {
          // Never left this machine: it is still simply queued.
          this.store.requeue(job.id)
          this.emitJob(job.id)
          return 'paused'
        }
        if (e.kind === 'network') {
          this.finish(
            job.id,
            'unknown',
            `${e.message}. The command was sent but qbo did not confirm it; check ${job.cluster} before trying again.`
          )
          return 'finished'
        }
        this.log(job.id, [e.message])
        this.finish(job.id, 'failed', e.message)
        return 'finished'
      }
    }
    try {
      return await this.follow(job, session, () => serverFailure)
    } finally {
      stopFollowing()
    }
  }

  private async follow(
    job: JobRecord,
    session: QboSession,
    failure: () => string | null
  ): Promise<Outcome> {
    const started = this.store.get(job.id)?.startedAt ?? this.policy.now()
    for (;;) {
      const failed = failure()
      if (failed) {
        this.finish(job.id, 'failed', failed)
        return 'finished'
      }
      let state: string | null
      try {
        state = await session.clusterState(job.cluster)
      } catch (error) {
        const e = asProviderError(error)
        if (e.kind === 'network') return 'paused'
        this.finish(job.id, 'failed', e.message)
        return 'finished'
      }
      if (reached[job.action](state)) {
        this.finish(job.id, 'succeeded', null)
        return 'finished'
      }
      if (state !== null && FAILED_STATES.has(state)) {
        this.finish(job.id, 'failed', failure() ?? `qbo reports ${job.cluster} in state “${state}”`)
        return 'finished'
      }
      if (this.policy.now() - started > this.policy.timeoutMs) {
        const minutes = Math.round(this.policy.timeoutMs / 60_000)
        this.finish(
          job.id,
          'failed',
          `${job.cluster} did not get there within ${minutes} min (last state: ${state ?? 'absent'})`
        )
        return 'finished'
      }
      await this.pause(job.id)
    }
  }

  private pause(jobId: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.policy.pollMs)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.wakers.set(jobId, () => {
        this.wakers.delete(jobId)
        done()
      })
    })
  }

  private finish(
    jobId: string,
    state: 'succeeded' | 'failed' | 'unknown',
    error: string | null
  ): void {
    this.store.finish(jobId, state, error, this.policy.now())
    this.wakers.delete(jobId)
    this.emitJob(jobId)
  }

  private log(jobId: string, texts: string[]): void {
    if (texts.length === 0) return
    this.emit({ type: 'job-log', jobId, lines: this.store.append(jobId, texts, this.policy.now()) })
  }

  private emitJob(jobId: string): void {
    const job = this.store.get(jobId)
    if (job) this.emit({ type: 'job', job: jobView(job) })
  }
}

const lines = (message: QboMessage): string[] =>
  (message.output ?? []).map((o) => o.message).filter((m): m is string => Boolean(m))

function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error
  return new ProviderError('protocol', error instanceof Error ? error.message : String(error))
}
