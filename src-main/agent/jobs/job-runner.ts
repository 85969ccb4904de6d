import type { AgentEvent, JobAction, QueuedJob } from '@contract'
import { jobView, type JobArgs, type JobRecord, type JobStore } from '../../store/job-store'
import { fullJitter, networkBackoff, timerMs } from '../backoff'
import { silentLog, type Log } from '../log'
import type { JobContext, JobExecutor, RunResult } from './executor'

export interface JobPolicy {
  /** How often a running job asks the server where it is. */
  pollMs: number
  /** How long an action may take before it is called failed. */
  timeoutMs: number
  now(): number
}

export const defaultJobPolicy: JobPolicy = { pollMs: 1_000, timeoutMs: 10 * 60_000, now: Date.now }

/** States after which a job is only history. */
const ENDED = new Set(['succeeded', 'failed', 'unknown', 'cancelled'])

/** What a retried job must not inherit: the old attempt's bookkeeping. */
const ATTEMPT_KEYS: readonly (keyof JobArgs)[] = ['answered', 'attempts', 'notBefore', 'sentAt']

/**
 * Runs user actions as durable jobs: each is written before anything is sent, sent when its
 * account is online (in order, one at a time per account), and followed until the platform says
 * how it ended. A job interrupted by a lost connection or a crash resumes once the account is
 * back; one that may or may not have reached the server is never sent twice.
 */
export class JobRunner {
  private readonly draining = new Set<string>()
  private readonly wakers = new Map<string, () => void>()
  private readonly later = new Map<string, NodeJS.Timeout>()
  /**
   * The running jobs this runner may touch: those it claimed, and those already running when it
   * started (a crash interrupted them). Any other running job belongs to another runner on the
   * same file, and is left to it.
   */
  private readonly mine: Set<string>

  constructor(
    private readonly store: JobStore,
    private readonly emit: (event: AgentEvent) => void,
    /** The account's executor while it is online, else null. */
    private readonly executorFor: (accountId: string) => JobExecutor | null,
    readonly policy: JobPolicy = defaultJobPolicy,
    private readonly log: Log = silentLog
  ) {
    this.mine = new Set(store.runningIds())
  }

  enqueue(
    accountId: string,
    action: JobAction,
    target: string,
    title: string,
    args: JobArgs = {}
  ): QueuedJob {
    const { record, alreadyQueued } = this.store.queue(
      { accountId, action, target, args, title },
      this.policy.now()
    )
    // Asked again before it was sent: still the one job, and nothing new to tell or to send.
    if (alreadyQueued) return { ...jobView(record), alreadyQueued }
    this.emitJob(record.id)
    this.kick(accountId)
    return { ...jobView(record), alreadyQueued }
  }

  /** Withdraws a job before it is sent; an error message if it can no longer be. */
  cancel(jobId: string): string | null {
    const view = this.store.view(jobId)
    if (!view) return `No job ${jobId}`
    if (view.state === 'damaged') return 'This job is damaged and never runs; discard it instead'
    if (!this.store.cancel(jobId, this.policy.now())) {
      const state = this.store.view(jobId)?.state ?? view.state
      return state === 'running'
        ? 'This job has already been sent; it can no longer be cancelled'
        : `This job has already ended (${state})`
    }
    this.logLines(jobId, ['Cancelled before it was sent'])
    this.emitJob(jobId)
    return null
  }

  /** Queues an ended job again as a new job; the user decides, e.g. after an unknown outcome. */
  retry(jobId: string): QueuedJob | string {
    const view = this.store.view(jobId)
    if (!view) return `No job ${jobId}`
    const job = this.store.get(jobId)
    if (!job || !['failed', 'unknown', 'cancelled'].includes(job.state)) {
      return `Only a failed, unknown or cancelled job can be retried (this one is ${view.state})`
    }
    const args = { ...job.args }
    for (const key of ATTEMPT_KEYS) delete args[key]
    // A retried build imports the image its failed attempt created again instead of creating
    // another (the executor starts over if that image is gone); its import is sent anew.
    // A retried source creation is the user's decision to create it, whatever a lost one did.
    if (job.action === 'image.build' || job.action === 'source.create') {
      delete args.maybeSent
      delete args.stateBefore
    }
    return this.enqueue(job.accountId, job.action, job.target, job.title, args)
  }

  /** Removes a damaged or ended job for good; an error message if it is still live. */
  discard(jobId: string): string | null {
    const view = this.store.view(jobId)
    if (!view) return `No job ${jobId}`
    if (view.state !== 'damaged' && !ENDED.has(view.state)) {
      return `Only a damaged or ended job can be discarded (this one is ${view.state}); cancel it first if it is queued`
    }
    this.store.discard(jobId)
    this.mine.delete(jobId)
    this.log.info(`Job ${jobId} (${view.action ?? 'unknown action'}, ${view.state}) discarded`)
    this.emit({ type: 'jobs' })
    return null
  }

  /** The account may be able to work now (it came online, or a job was queued). */
  kick(accountId: string): void {
    // Nothing a job does may take the agent down: a failure is logged, and the next kick retries.
    this.drain(accountId).catch((error: unknown) => {
      this.log.error(
        `Jobs of ${accountId} stopped after an unexpected error: ${error instanceof Error ? error.message : String(error)}`
      )
    })
  }

  /** Wakes jobs waiting between polls (a change arrived that may concern them). */
  nudge(): void {
    for (const wake of [...this.wakers.values()]) wake()
  }

  private async drain(accountId: string): Promise<void> {
    if (this.draining.has(accountId)) return
    this.draining.add(accountId)
    try {
      for (;;) {
        const next = this.store.unfinished(accountId)[0]
        const executor = this.executorFor(accountId)
        if (!next || !executor) return
        if (next.state === 'running' && !this.mine.has(next.id)) {
          // Another runner sends it; jobs run in order, so this account waits for it to end.
          this.kickLater(accountId, this.policy.pollMs)
          return
        }
        const wait = (next.args.notBefore ?? 0) - this.policy.now()
        if (wait > 0) {
          // Jobs run in order per account: the next one waits for its turn to come round again.
          this.kickLater(accountId, wait)
          return
        }
        const resuming = next.state === 'running'
        if (!resuming) {
          // Taken only if still queued: of two runners on one file, exactly one sends it.
          if (!this.store.claim(next.id, this.policy.now())) continue
          this.mine.add(next.id)
          this.emitJob(next.id)
        }
        const claimed = this.store.get(next.id)
        if (!claimed) continue
        const result = await this.run(claimed, executor, resuming)
        if (
          result.state !== 'succeeded' &&
          result.state !== 'failed' &&
          result.state !== 'unknown'
        ) {
          if (result.state === 'retry') continue
          return
        }
      }
    } finally {
      this.draining.delete(accountId)
    }
  }

  private async run(job: JobRecord, executor: JobExecutor, resuming: boolean): Promise<RunResult> {
    let result: RunResult
    try {
      result = await executor.run(job, this.context(job.id), resuming)
    } catch (error) {
      // A bug, not a platform answer: whether the request went out is what the record says.
      const reason = `Berth stopped this job after an unexpected error (${error instanceof Error ? error.message : String(error)})`
      result = this.store.get(job.id)?.args.maybeSent
        ? { state: 'unknown', error: `${reason}; check, then retry if needed` }
        : { state: 'failed', error: reason }
    }
    // Resumed and not done, a job may have been sent before this run: every later run looks first.
    if (resuming && (result.state === 'requeued' || result.state === 'retry')) {
      this.store.remember(job.id, { maybeSent: true })
    }
    switch (result.state) {
      case 'requeued':
        this.store.requeue(job.id)
        this.emitJob(job.id)
        break
      case 'paused':
        break
      case 'retry': {
        const attempts = (job.args.attempts ?? 0) + 1
        const delay = result.afterMs ?? fullJitter(attempts - 1, networkBackoff, Math.random)
        this.store.remember(job.id, { attempts, notBefore: this.policy.now() + delay })
        // Refused before it took effect: back in the queue (cancellable). Maybe sent: still running.
        if (!this.store.get(job.id)?.args.maybeSent) this.store.requeue(job.id)
        this.logLines(job.id, [`${result.reason} — trying again in ${Math.ceil(delay / 1000)} s`])
        this.emitJob(job.id)
        break
      }
      case 'succeeded':
        this.finish(job.id, 'succeeded', null)
        break
      default:
        this.logLines(job.id, [result.error])
        this.finish(job.id, result.state, result.error)
    }
    this.wakers.delete(job.id)
    return result
  }

  private kickLater(accountId: string, ms: number): void {
    clearTimeout(this.later.get(accountId))
    const timer = setTimeout(() => {
      this.later.delete(accountId)
      this.kick(accountId)
    }, timerMs(ms))
    timer.unref()
    this.later.set(accountId, timer)
  }

  private context(jobId: string): JobContext {
    return {
      log: (texts: string[]) => this.logLines(jobId, texts),
      remember: (args: Partial<JobArgs>, remoteJobId?: string) => {
        this.store.remember(jobId, args, remoteJobId)
        this.emitJob(jobId)
      },
      progress: (value: number) => {
        this.store.progress(jobId, value)
        this.emitJob(jobId)
      },
      pause: () => this.pause(jobId),
      now: () => this.policy.now(),
      followedElsewhere: (remoteJobId: string) => this.store.followedElsewhere(remoteJobId, jobId)
    }
  }

  private pause(jobId: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.policy.pollMs)
      const wakers = this.wakers
      function done(): void {
        clearTimeout(timer)
        wakers.delete(jobId)
        resolve()
      }
      this.wakers.set(jobId, done)
    })
  }

  private finish(
    jobId: string,
    state: 'succeeded' | 'failed' | 'unknown',
    error: string | null
  ): void {
    this.store.finish(jobId, state, error, this.policy.now())
    this.mine.delete(jobId)
    this.emitJob(jobId)
  }

  private logLines(jobId: string, texts: string[]): void {
    if (texts.length === 0) return
    this.emit({ type: 'job-log', jobId, lines: this.store.append(jobId, texts, this.policy.now()) })
  }

  private emitJob(jobId: string): void {
    const job = this.store.view(jobId)
    if (job) this.emit({ type: 'job', job })
  }
}
