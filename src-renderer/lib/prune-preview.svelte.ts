import type { CycleImageRow } from '@contract'
import { MAX_PAGE } from './page-limit'
import type { BerthApi } from './api/client'

/** Cycle prunes only images unused for at least this long (the sandbox's PRUNE_MIN_AGE_MS). */
export const PRUNE_MIN_AGE_MS = 15 * 60_000

/**
 * Cycle's prune rule (POST /v1/images/tasks, action `prune`): an image of one of the chosen
 * sources, `live` or `new`, used by no container, created at least 15 minutes ago.
 */
export function wouldPrune(image: CycleImageRow, now: number): boolean {
  const created = Date.parse(image.createdAt)
  return (
    (image.state === 'live' || image.state === 'new') &&
    image.containers === 0 &&
    Number.isFinite(created) &&
    created <= now - PRUNE_MIN_AGE_MS
  )
}

/**
 * Which images a prune of these sources would remove, read from the cache. A preview: the hub
 * picks the images itself when the job runs, so one started or stopped meanwhile may differ.
 */
export class PrunePreview {
  images = $state.raw<CycleImageRow[]>([])
  loading = $state(false)
  error = $state<string | null>(null)
  readonly #api: BerthApi
  #asked = 0

  constructor(api: BerthApi) {
    this.#api = api
  }

  async load(accountId: string, sourceIds: readonly string[], now = Date.now()): Promise<void> {
    const asked = ++this.#asked
    this.error = null
    if (sourceIds.length === 0) {
      this.images = []
      this.loading = false
      return
    }
    this.loading = true
    // By id: an image belongs to one source, but an answer must never list one twice.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this load, never rendered
    const found = new Map<string, CycleImageRow>()
    for (const sourceId of sourceIds) {
      for (let offset = 0; ;) {
        const result = await this.#api.call('cycleImages.list', {
          accountId,
          sourceId,
          offset,
          limit: MAX_PAGE,
          sort: { field: 'name', dir: 'asc' }
        })
        if (asked !== this.#asked) return
        if (!result.ok) {
          this.error = result.error.message
          this.loading = false
          return
        }
        for (const image of result.value.items)
          if (wouldPrune(image, now)) found.set(image.id, image)
        offset += result.value.items.length
        if (result.value.items.length === 0 || offset >= result.value.total) break
      }
    }
    this.images = [...found.values()]
    this.loading = false
  }
}
