import { ProviderError } from '../../providers/errors'
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
}

export type RunResult =
  | { state: 'succeeded' }
  | { state: 'failed' | 'unknown'; error: string }
  /** The connection went away mid-way: resume when the account is back. */
  | { state: 'paused' }
  /** Certainly never sent: stays queued. */
  | { state: 'requeued' }

/** Sends one platform's actions and follows them to the end. */
export interface JobExecutor {
  /** A queued job is sent and followed; a running one (after a restart) is only followed. */
  run(job: JobRecord, context: JobContext, resuming: boolean): Promise<RunResult>
}

export function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error
  return new ProviderError('protocol', error instanceof Error ? error.message : String(error))
}

/** How a failure to send maps to the job's fate: never sent twice, never silently lost. */
export function sendFailure(error: unknown, what: string): RunResult {
  const e = asProviderError(error)
  if (e.kind === 'network' && e.unsent) return { state: 'requeued' }
  if (e.kind === 'network') {
    return {
      state: 'unknown',
      error: `${e.message}. The request was sent but not confirmed; check ${what} before trying again.`
    }
  }
  return { state: 'failed', error: e.message }
}
