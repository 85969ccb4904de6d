import { untrack } from 'svelte'
import type { CycleSourceRow } from '@contract'
import { MAX_PAGE } from '../page-limit'
import type { BerthApi } from '../api/client'
import { followAgent } from './live'

/**
 * The image sources of one hub, by name, for the build and prune dialogs to choose from: read
 * from the cache, and again whenever the hub's sources change (a dialog opened before the first
 * sync landed fills in once it has).
 */
export class SourceOptions {
  items = $state.raw<CycleSourceRow[]>([])
  loaded = $state(false)
  error = $state<string | null>(null)

  readonly #api: BerthApi
  #latest = 0

  constructor(api: BerthApi) {
    this.#api = api
  }

  /** Follows one hub's sources until the returned function is called. */
  follow(accountId: string): () => void {
    const stop = followAgent(this.#api, {
      load: () => this.#load(accountId),
      onEvent: (event) => {
        if (event.type !== 'changed' || event.kind !== 'cycleSources') return
        if (event.accountId === accountId) this.#load(accountId)
      }
    })
    return () => {
      stop()
      this.#latest++
    }
  }

  #load(accountId: string): void {
    untrack(() => {
      const ticket = ++this.#latest
      this.loaded = false
      const query = { accountId, limit: MAX_PAGE, sort: { field: 'name', dir: 'asc' } } as const
      void this.#api.call('cycleSources.list', query).then((result) => {
        if (ticket !== this.#latest) return
        this.loaded = true
        if (!result.ok) {
          this.error = result.error.message
          return
        }
        this.error = null
        this.items = result.value.items
      })
    })
  }
}
