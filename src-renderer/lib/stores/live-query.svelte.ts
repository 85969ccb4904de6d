import { untrack } from 'svelte'
import type { AgentEvent, AppError, Result } from '@contract'
import type { BerthApi } from '../api/client'
import { followAgent } from './live'
import { coalesce, type Coalescer } from './timing'

/** How long a burst of agent events is gathered into one re-query. */
export const COALESCE_MS = 150

export interface LiveQueryOptions<T> {
  /** Issues the query; read any query state here, it is sampled at call time. */
  fetch: () => Promise<Result<T>>
  /** Which pushed events make the current answer stale. */
  relevant: (event: AgentEvent) => boolean
  /** Sees each accepted answer; returning true asks for a fresh query (e.g. the page shrank). */
  accepted?: (value: T) => boolean
  coalesceMs?: number
}

/**
 * One agent query kept live: it re-runs when relevant events arrive (a burst becomes one call),
 * when the agent link comes back, and on demand. The last good value stays visible while a
 * re-query is in flight, and an answer to an older query never replaces a newer one.
 */
export class LiveQuery<T> {
  value = $state.raw<T | null>(null)
  error = $state.raw<AppError | null>(null)
  loading = $state(false)

  readonly #api: BerthApi
  readonly #options: LiveQueryOptions<T>
  readonly #refresh: Coalescer
  /** Ticket of the newest query sent; answers carrying an older ticket are dropped. */
  #latest = 0

  constructor(api: BerthApi, options: LiveQueryOptions<T>) {
    this.#api = api
    this.#options = options
    this.#refresh = coalesce(() => this.load(), options.coalesceMs ?? COALESCE_MS)
  }

  /** Query now. Safe to call from effects: nothing read here becomes a dependency. */
  load(): void {
    untrack(() => {
      this.#refresh.cancel()
      const ticket = ++this.#latest
      this.loading = true
      void this.#options.fetch().then((result) => {
        if (ticket !== this.#latest) return
        this.loading = false
        if (!result.ok) {
          this.error = result.error
          return
        }
        this.error = null
        this.value = result.value
        if (this.#options.accepted?.(result.value)) this.load()
      })
    })
  }

  /** Schedule a query for the end of the current burst. */
  refresh(): void {
    this.#refresh.trigger()
  }

  /** Load and stay live until the returned disposer runs. */
  start(): () => void {
    const stop = followAgent(this.#api, {
      load: () => this.load(),
      onEvent: (event) => {
        if (this.#options.relevant(event)) this.refresh()
      }
    })
    return () => {
      stop()
      this.#refresh.cancel()
      this.#latest++
    }
  }
}
