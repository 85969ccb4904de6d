import type { AgentEvent, AppError, CycleJobRow, Result } from '@contract'
import type { BerthApi } from '../api/client'
import { LiveQuery } from './live-query.svelte'

export interface RemoteJobRef {
  /** Berth's job, whose updates may mean the platform's job moved on. */
  jobId: string
  accountId: string
  /** The platform's own job id (Cycle). */
  remoteJobId: string
}

/**
 * The Cycle job behind a Berth job, with its tasks and steps: found with `cycleJobs.list`
 * (its search matches ids), re-read when the hub's jobs change or the Berth job does.
 */
export class RemoteJob {
  readonly ref: RemoteJobRef
  readonly #query: LiveQuery<CycleJobRow | null>

  constructor(api: BerthApi, ref: RemoteJobRef) {
    this.ref = ref
    const relevant = (event: AgentEvent): boolean =>
      (event.type === 'changed' &&
        event.accountId === ref.accountId &&
        event.kind === 'cycleJobs') ||
      (event.type === 'job' && event.job.id === ref.jobId)
    this.#query = new LiveQuery(api, {
      fetch: async (): Promise<Result<CycleJobRow | null>> => {
        const input = { accountId: ref.accountId, search: ref.remoteJobId, limit: 10 }
        const result = await api.call('cycleJobs.list', input)
        if (!result.ok) return result
        return { ok: true, value: result.value.items.find((j) => j.id === ref.remoteJobId) ?? null }
      },
      relevant
    })
  }

  /** Null until found (the hub's jobs may not be synced yet). */
  get job(): CycleJobRow | null {
    return this.#query.value
  }
  get error(): AppError | null {
    return this.#query.error
  }

  start(): () => void {
    return this.#query.start()
  }

  reload(): void {
    this.#query.load()
  }
}
