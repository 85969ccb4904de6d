import { CycleApiError } from '../../providers/cycle/errors'
import { asProviderError } from '../../providers/errors'
import type { JobArgs, JobRecord } from '../../store/job-store'

/** What an executor may do to its job while it runs. */
export interface JobContext {
  log(texts: string[]): void
  /** Keeps what resuming needs (ids the platform gave), durably, before going on. */
  remember(args: Partial<JobArgs>, remoteJobId?: string): void
  progress(value: number): void
  /** Resolves after the poll interval, or earlier when a related change arrives. */
  pause(): Promise<void>
  now(): number
  /** Whether another job already follows this platform job (so it cannot be this one's). */
  followedElsewhere(remoteJobId: string): boolean
}

export type RunResult =
  | { state: 'succeeded' }
  | { state: 'failed' | 'unknown'; error: string }
  /** The connection went away mid-way: resume when the account is back. */
  | { state: 'paused' }
  /**
   * Not done yet, try again later: the server said so (429, 503…), or the answer was lost and
   * the next run must first find out what happened (the job remembers `maybeSent`).
   */
  | { state: 'retry'; afterMs: number | null; reason: string }
  /** Certainly never sent: stays queued. */
  | { state: 'requeued' }

/** Sends one platform's actions and follows them to the end. */
export interface JobExecutor {
  /**
   * A queued job is sent and followed. A resumed one (`resuming`: it was already running, e.g.
   * before a crash) may have been sent without its answer being kept, so it looks first.
   */
  run(job: JobRecord, context: JobContext, resuming: boolean): Promise<RunResult>
}

/** Server statuses that say the request was refused before it took effect: safe to send again. */
const NOT_APPLIED = new Set([408, 425, 429, 502, 503, 504])

/** Whether a failed request may still have taken effect (its answer, not its refusal, was lost). */
function mayHaveApplied(error: unknown): boolean {
  const e = asProviderError(error)
  if (e instanceof CycleApiError && NOT_APPLIED.has(e.status)) return false
  return e.kind === 'network' && !e.unsent
}

/**
 * Sends one request write-ahead: the job durably says "may have been sent" before the request
 * leaves, so a crash before its answer makes the next run look before sending again. A failure
 * that certainly did not take effect takes the mark back; the caller clears it with the answer.
 */
export async function sendWriteAhead<T>(ctx: JobContext, send: () => Promise<T>): Promise<T> {
  ctx.remember({ maybeSent: true, sentAt: ctx.now() })
  try {
    return await send()
  } catch (error) {
    if (!mayHaveApplied(error)) ctx.remember({ maybeSent: false })
    throw error
  }
}

/**
 * How a failure to send maps to the job's fate: never sent twice blindly, never silently lost.
 * A lost answer is not a failure: the job remembers it may have been sent, and its next run looks
 * before it sends again.
 */
export function sendFailure(error: unknown, ctx: JobContext): RunResult {
  const e = asProviderError(error)
  if (e.kind === 'network' && e.unsent) return { state: 'requeued' }
  if (e instanceof CycleApiError && NOT_APPLIED.has(e.status)) {
    return { state: 'retry', afterMs: e.retryAfterMs ?? null, reason: e.message }
  }
  if (e.kind === 'network') {
    ctx.remember({ maybeSent: true })
    return {
      state: 'retry',
      afterMs: null,
      reason: `${e.message}; the request may have been received, checking before sending again`
    }
  }
  return { state: 'failed', error: e.message }
}
