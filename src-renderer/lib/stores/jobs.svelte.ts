import { untrack } from 'svelte'
import { SvelteSet } from 'svelte/reactivity'
import type { AppError, JobView, ViewTarget } from '@contract'
import { MAX_PAGE } from '../page-limit'
import type { BerthApi } from '../api/client'
import { isActiveJob, sameSubject } from '../job-words'
import { followAgent } from './live'

/** The app's one jobs store per API, for the places an action is taken (rows, details). */
const stores = new WeakMap<BerthApi, JobsStore>()

/** The jobs store the app keeps for this API; undefined where there is none (a lone component). */
export const jobsOf = (api: BerthApi): JobsStore | undefined => stores.get(api)

export const JOBS_PAGE = 100

/** Newest first; ties (same millisecond) by id so the order never flickers. */
const newestFirst = (a: JobView, b: JobView): number =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

/**
 * The newest jobs of every account: one `jobs.list`, then kept current by `job` events (each
 * replaces the job with the same id, or adds it). Re-read when accounts come or go, when jobs
 * are discarded, and when the agent link returns, since events sent meanwhile are lost.
 */
export class JobsStore {
  jobs = $state.raw<JobView[]>([])
  total = $state(0)
  loaded = $state(false)
  error = $state.raw<AppError | null>(null)
  limit = $state(JOBS_PAGE)

  readonly #api: BerthApi
  #latest = 0
  /** Events that arrived after the newest list request was sent; they are newer than its answer. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #newer = new Map<string, JobView>()

  /** Jobs this window started (or asked for again): their outcome stays where they were asked. */
  readonly followed = new SvelteSet<string>()

  constructor(api: BerthApi) {
    this.#api = api
    stores.set(api, this)
  }

  /** Queued and running jobs, for the navigation badge. */
  get active(): number {
    return this.jobs.filter(isActiveJob).length
  }

  get hasMore(): boolean {
    return this.jobs.length < this.total && this.limit < MAX_PAGE
  }

  find(jobId: string | null): JobView | undefined {
    return jobId === null ? undefined : this.jobs.find((j) => j.id === jobId)
  }

  /**
   * The newest job on this cluster or image that is under way, or that this window started:
   * what its row and its page show in place.
   */
  on(subject: ViewTarget): JobView | undefined {
    return this.jobs.find(
      (j) => sameSubject(j.subject, subject) && (isActiveJob(j) || this.followed.has(j.id))
    )
  }

  load(): void {
    untrack(() => {
      const ticket = ++this.#latest
      this.#newer.clear()
      void this.#api.call('jobs.list', { offset: 0, limit: this.limit }).then((result) => {
        if (ticket !== this.#latest) return
        if (!result.ok) {
          this.error = result.error
          return
        }
        this.error = null
        const listed = result.value.items.map((j) => this.#newer.get(j.id) ?? j)
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this computation
        const ids = new Set(listed.map((j) => j.id))
        const created = [...this.#newer.values()].filter((j) => !ids.has(j.id))
        this.jobs = [...created, ...listed].sort(newestFirst)
        this.total = result.value.total + created.length
        this.loaded = true
      })
    })
  }

  /** Read a longer list of older jobs. */
  showMore(): void {
    this.limit = Math.min(MAX_PAGE, this.limit + JOBS_PAGE)
    this.load()
  }

  start(): () => void {
    const stop = followAgent(this.#api, {
      load: () => this.load(),
      onEvent: (event) => {
        if (event.type === 'job') this.#apply(event.job)
        // Accounts came or went, or jobs were discarded: what is listed is re-read whole.
        else if (event.type === 'accounts' || event.type === 'jobs') this.load()
      }
    })
    return () => {
      stop()
      this.#latest++
    }
  }

  /**
   * A job an action call just returned. Its `job` event may already have arrived with a later
   * state, so this only adds a job not yet known and never replaces one.
   */
  remember(job: JobView): void {
    this.followed.add(job.id)
    if (this.jobs.some((j) => j.id === job.id) || this.#newer.has(job.id)) return
    // An action's answer carries more than a job (whether it was already queued): keep the job.
    const { alreadyQueued: _again, ...view } = job as JobView & { alreadyQueued?: boolean }
    this.#apply(view)
  }

  #apply(job: JobView): void {
    this.#newer.set(job.id, job)
    const at = this.jobs.findIndex((j) => j.id === job.id)
    if (at === -1) {
      this.jobs = [...this.jobs, job].sort(newestFirst)
      this.total++
    } else {
      this.jobs = this.jobs.with(at, job)
    }
  }
}
