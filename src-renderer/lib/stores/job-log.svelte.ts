import { untrack } from 'svelte'
import type { AppError, JobLogLine } from '@contract'
import type { BerthApi } from '../api/client'
import { followAgent } from './live'

/**
 * One job's log: read with `jobs.log`, then extended by `job-log` events. Lines are kept by
 * `seq`, so a line that comes both in an answer and in an event shows once, in order, whichever
 * arrives first. When the link returns, or a `job` event counts more lines than we hold, only the
 * missing tail is asked for.
 */
export class JobLog {
  readonly jobId: string
  lines = $state.raw<JobLogLine[]>([])
  loaded = $state(false)
  error = $state.raw<AppError | null>(null)

  readonly #api: BerthApi
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #bySeq = new Map<number, JobLogLine>()

  constructor(api: BerthApi, jobId: string) {
    this.#api = api
    this.jobId = jobId
  }

  get lastSeq(): number {
    return this.lines[this.lines.length - 1]?.seq ?? 0
  }

  /** Ask for every line after the last one held. */
  fetch(): void {
    untrack(() => {
      const afterSeq = this.lastSeq
      void this.#api.call('jobs.log', { jobId: this.jobId, afterSeq }).then((result) => {
        if (!result.ok) {
          this.error = result.error
          return
        }
        this.error = null
        this.loaded = true
        this.#merge(result.value)
      })
    })
  }

  start(): () => void {
    return followAgent(this.#api, {
      load: () => this.fetch(),
      onEvent: (event) => {
        if (event.type === 'job-log' && event.jobId === this.jobId) this.#merge(event.lines)
        else if (
          event.type === 'job' &&
          event.job.id === this.jobId &&
          this.loaded &&
          event.job.logLines > this.lines.length
        )
          this.fetch()
      }
    })
  }

  #merge(lines: readonly JobLogLine[]): void {
    let added = false
    for (const line of lines) {
      if (this.#bySeq.has(line.seq)) continue
      this.#bySeq.set(line.seq, line)
      added = true
    }
    if (added) this.lines = [...this.#bySeq.values()].sort((a, b) => a.seq - b.seq)
  }
}
