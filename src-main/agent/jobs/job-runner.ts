import type { AgentEvent, JobAction, JobView } from '@contract'
import { jobView, type JobArgs, type JobRecord, type JobStore } from '../../store/job-store'
import { fullJitter, networkBackoff } from '../backoff'
import type { JobExecutor, RunResult } from './executor'

export interface JobPolicy {
  /** How often a running job asks the server where it is. */
  pollMs: number
  /** How long an action may take before it is called failed. */
  timeoutMs: number
  now(): number
}

export const defaultJobPolicy: JobPolicy = { pollMs: 1_000, timeoutMs: 10 * 60_000, now: Date.now }

/**
 * Runs user actions as durable jobs: each is written before anything is sent, sent when its
 * account is online (in order, one at a time per account), and followed until the platform says
 * how it ended. A job interrupted by a lost connection resumes once the account is back; one that
 * may or may not have reached the server is never sent twice.
 */
export class JobRunner {
  private readonly draining = new Set<string>()
  private readonly wakers = new Map<string, () => void>()
  private readonly later = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly store: JobStore,
    private readonly emit: (event: AgentEvent) => void,
    /** The account's executor while it is online, else null. */
    private readonly executorFor: (accountId: string) => JobExecutor | null,
    readonly policy: JobPolicy = defaultJobPolicy
  ) {}

  enqueue(
    accountId: string,
    action: JobAction,
    target: string,
    title: string,
    args: JobArgs = {}
  ): JobView {
    const job = this.store.create({ accountId, action, target, args, title }, this.policy.now())
    this.emitJob(job.id)
    this.kick(accountId)
    return jobView(job)
  }

  /** Withdraws a job before it is sent; an error message if it can no longer be. */
  cancel(jobId: string): string | null {
    const job = this.store.get(jobId)
    if (!job) return `No job ${jobId}`
    if (!this.store.cancel(jobId, this.policy.now())) {
      return job.state === 'running'
        ? 'This job has already been sent; it can no longer be cancelled'
        : `This job has already ended (${job.state})`
    }
    this.log(jobId, ['Cancelled before it was sent'])
    this.emitJob(jobId)
    return null
  }

  /** Queues an ended job again as a new job; the user decides, e.g. after an unknown outcome. */
  retry(jobId: string): JobView | string {
    const job = this.store.get(jobId)
    if (!job) return `No job ${jobId}`
    if (!['failed', 'unknown', 'cancelled'].includes(job.state)) {
      return `Only a failed, unknown or cancelled job can be retried (this one is ${job.state})`
    }
    const args = { ...job.args }
    // A retried build starts over: the image of the failed attempt is not reused.
    if (job.action === 'image.build') delete args.imageId
    return this.enqueue(job.accountId, job.action, job.target, job.title, args)
  }

  /** The account may be able to work now (it came online, or a job was queued). */
  kick(accountId: string): void {
    void this.drain(accountId)
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
        const wait = (next.args.notBefore ?? 0) - this.policy.now()
        if (wait > 0) {
          // Jobs run in order per account: the next one waits for its turn to come round again.
          this.kickLater(accountId, wait)
          return
        }
        const result = await this.run(next, executor)
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

  private async run(job: JobRecord, executor: JobExecutor): Promise<RunResult> {
    const resuming = job.state === 'running'
    if (!resuming) {
      this.store.start(job.id, this.policy.now())
      this.emitJob(job.id)
    }
    const result = await executor.run(job, this.context(job.id), resuming)
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
        this.log(job.id, [`${result.reason} — trying again in ${Math.ceil(delay / 1000)} s`])
        this.emitJob(job.id)
        break
      }
      case 'succeeded':
        this.finish(job.id, 'succeeded', null)
        break
      default:
        this.log(job.id, [result.error])
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
    }, ms)
    timer.unref()
    this.later.set(accountId, timer)
  }

  private context(jobId: string) {
    return {
      log: (texts: string[]) => this.log(jobId, texts),
      remember: (args: Partial<JobArgs>, remoteJobId?: string) => {
        this.store.remember(jobId, args, remoteJobId)
        this.emitJob(jobId)
      },
      progress: (value: number) => {
        this.store.progress(jobId, value)
        this.emitJob(jobId)
      },
      pause: () => this.pause(jobId),
      now: () => this.policy.now()
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
