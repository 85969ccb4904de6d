import { untrack } from 'svelte'
import type { CycleSourceRow } from '@contract'
import { MAX_PAGE } from '../page-limit'
import type { BerthApi } from '../api/client'

/** The image sources of one hub, by name, for the build and prune dialogs to choose from. */
export class SourceOptions {
  items = $state.raw<CycleSourceRow[]>([])
  loaded = $state(false)
  error = $state<string | null>(null)

  readonly #api: BerthApi
  #latest = 0

  constructor(api: BerthApi) {
    this.#api = api
  }

  load(accountId: string): void {
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

  stop(): void {
    this.#latest++
  }
}
