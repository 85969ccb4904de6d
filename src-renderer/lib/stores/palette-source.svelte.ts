import type { ClusterRow, CycleImageRow, Result } from '@contract'
import type { BerthApi } from '../api/client'
import { PALETTE_LIMIT } from '../palette-items'
import { debounce } from './timing'

/** Names read up front for matching letters in any order; the cache's own search reaches the rest. */
const FIRST_ROWS = 500

const clusterKey = (c: ClusterRow): string => `${c.accountId}/${c.name}`
const imageKey = (i: CycleImageRow): string => `${i.accountId}/${i.id}`

function merge<T>(first: readonly T[], more: readonly T[], key: (row: T) => string): T[] {
  const seen = new Set(first.map(key))
  return [...first, ...more.filter((row) => !seen.has(key(row)))]
}

/**
 * The clusters and Cycle images the palette matches against, from the cache (so it works
 * offline): the first names of each list, plus what the cache's own search finds for the typed
 * text, which reaches beyond them in a large fleet. Both are read again as the text changes
 * (debounced), so rows synced while the palette is open join in.
 */
export class PaletteSource {
  clusters = $state.raw<ClusterRow[]>([])
  images = $state.raw<CycleImageRow[]>([])

  readonly #api: BerthApi
  readonly #cycle: () => boolean
  #asked = 0
  readonly #search = debounce((query: string) => void this.#fetch(query), 150)

  constructor(api: BerthApi, cycle: () => boolean) {
    this.#api = api
    this.#cycle = cycle
  }

  load(): Promise<void> {
    return this.#fetch('')
  }

  /** The text typed changed. */
  search(query: string): void {
    this.#search.push(query.trim())
  }

  stop(): void {
    this.#search.cancel()
    this.#asked++
  }

  async #fetch(query: string): Promise<void> {
    const ticket = ++this.#asked
    const cycle = this.#cycle()
    const found = query === '' ? null : { search: query, limit: PALETTE_LIMIT }
    const [clusters, images, moreClusters, moreImages] = await Promise.all([
      this.#api.call('clusters.list', { limit: FIRST_ROWS }),
      cycle ? this.#api.call('cycleImages.list', { limit: FIRST_ROWS }) : null,
      found ? this.#api.call('clusters.list', found) : null,
      found && cycle ? this.#api.call('cycleImages.list', found) : null
    ])
    if (ticket !== this.#asked) return
    const rows = <T>(r: Result<{ items: T[] }> | null): T[] => (r?.ok ? r.value.items : [])
    this.clusters = merge(rows(clusters), rows(moreClusters), clusterKey)
    this.images = merge(rows(images), rows(moreImages), imageKey)
  }
}
