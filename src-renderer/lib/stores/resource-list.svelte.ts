import { untrack } from 'svelte'
import { SvelteMap } from 'svelte/reactivity'
import type {
  AgentEvent,
  AppError,
  MethodInput,
  MethodOutput,
  Page,
  ResourceKind,
  Result
} from '@contract'
import type { BerthApi } from '../api/client'
import { filterInput } from '../cycle-filters'
import { followAgent } from './live'
import { COALESCE_MS } from './live-query.svelte'
import { BLOCK_SIZE, keepBlock, wantedBlocks, type RowRange } from './row-blocks'
import { coalesce, type Coalescer } from './timing'

export type ListMethod =
  | 'nodes.list'
  | 'images.list'
  | 'networks.list'
  | 'clusters.list'
  | 'pods.list'
  | 'services.list'
  | 'loadBalancers.list'
  | 'cycleImages.list'
  | 'cycleSources.list'
  | 'cycleJobs.list'
export type RowOf<M extends ListMethod> = MethodOutput<M>['items'][number]
export type SortFieldOf<M extends ListMethod> = NonNullable<MethodInput<M>['sort']>['field']
export type SortDir = 'asc' | 'desc'
export interface Sort<F extends string> {
  field: F
  dir: SortDir
}

const KIND: Record<ListMethod, ResourceKind> = {
  'nodes.list': 'nodes',
  'images.list': 'images',
  'networks.list': 'networks',
  'clusters.list': 'clusters',
  'pods.list': 'pods',
  'services.list': 'services',
  'loadBalancers.list': 'loadBalancers',
  'cycleImages.list': 'cycleImages',
  'cycleSources.list': 'cycleSources',
  'cycleJobs.list': 'cycleJobs'
}

/** Everything a user narrows a list by, set at once (see `ResourceList.narrow`). */
export interface Narrowing<F extends string> {
  search: string
  filters: Readonly<Record<string, string | undefined>>
  scope: Scope
  sort: Sort<F> | undefined
}

/** The same fields with the same values; a field set to undefined counts as absent. */
function sameFields(a: object, b: object): boolean {
  const set = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined)
  const other = new Map(set(b))
  return set(a).length === other.size && set(a).every(([k, v]) => other.get(k) === v)
}

/** Every list row is cached for one account. */
const accountOf = (row: unknown): string => (row as { accountId?: string }).accountId ?? ''

/** Narrows the list to one account and, for per-cluster kinds, one cluster. */
export interface Scope {
  accountId?: string
  cluster?: string
}

export interface ResourceListOptions<F extends string = string> {
  /** Rows per query (the contract's `limit`). */
  blockSize?: number
  /** The order to start with (Hub jobs: newest first). */
  sort?: Sort<F>
  /** The scope to start with (a cluster's detail lists only that cluster's rows). */
  scope?: Scope
  coalesceMs?: number
}

interface Block<Row> {
  rows: readonly Row[]
  /** Which search/sort/scope these rows answer. */
  query: number
  /** How fresh they are: a re-query after a change bumps the list's revision. */
  revision: number
}

/**
 * Query state for one resource list, read as one long scroll: the agent runs search, sort and
 * filters in SQL and answers fixed-size blocks (`offset`/`limit`); this keeps the blocks around
 * the rows in view, fetches the missing ones and drops the far ones. The renderer never filters
 * or sorts rows itself.
 */
export class ResourceList<M extends ListMethod> {
  readonly method: M
  readonly kind: ResourceKind
  readonly blockSize: number

  search = $state('')
  sort = $state.raw<Sort<SortFieldOf<M>> | undefined>(undefined)
  /** Only the per-cluster kinds (nodes, pods, services, load balancers) accept `cluster`. */
  scope = $state.raw<Scope>({})
  /** The list's own filters (a Cycle image's state, a source's origin), as query fields. */
  filters = $state.raw<Record<string, string>>({})
  /** Rows matching the query, from the newest answer; null before the first. */
  total = $state<number | null>(null)
  /** The newest answer's freshness (see `Page.asOf`). */
  asOf = $state<number | null>(null)
  error = $state.raw<AppError | null>(null)
  /** A query is in flight; the rows on screen stay until it answers. */
  loading = $state(false)
  /** Bumped when search, sort or scope change: the view scrolls back to the top. */
  queryId = $state(0)

  readonly #api: BerthApi
  readonly #blocks = new SvelteMap<number, Block<RowOf<M>>>()
  /** Block → revision of the query in flight for it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  readonly #inFlight = new Map<number, { query: number; revision: number }>()
  readonly #refresh: Coalescer
  #view: RowRange = { start: 0, end: 0 }
  #revision = 0
  /** Revision of the answer `total` came from; an older answer never moves it back. */
  #totalRevision = -1
  #started = false

  constructor(api: BerthApi, method: M, options: ResourceListOptions<SortFieldOf<M>> = {}) {
    this.#api = api
    this.method = method
    this.kind = KIND[method]
    this.blockSize = options.blockSize ?? BLOCK_SIZE
    if (options.scope) this.scope = options.scope
    if (options.sort) this.sort = options.sort
    this.#refresh = coalesce(() => this.reload(), options.coalesceMs ?? COALESCE_MS)
  }

  /** The row at `index` of the whole result, or undefined while its block is not loaded. */
  rowAt(index: number): RowOf<M> | undefined {
    return this.#blocks.get(Math.floor(index / this.blockSize))?.rows[index % this.blockSize]
  }

  /** Rows held in memory (a few blocks around the view), for tests and diagnostics. */
  get heldRows(): number {
    let n = 0
    for (const block of this.#blocks.values()) n += block.rows.length
    return n
  }

  /** Which rows the view shows; fetches what is missing around them and drops what is far. */
  setView(view: RowRange): void {
    untrack(() => {
      this.#view = view
      this.#ensure()
    })
  }

  /** Load and stay live until the returned disposer runs. */
  start(): () => void {
    const stop = followAgent(this.#api, {
      load: () => this.reload(),
      onEvent: (event) => {
        if (event.type === 'accounts' && event.removed?.length) this.#forget(event.removed)
        else if (this.#relevant(event)) this.#refresh.trigger()
      }
    })
    this.#started = true
    return () => {
      stop()
      this.#started = false
      this.#refresh.cancel()
      // Answers still on their way are for a list nobody shows.
      this.#revision++
      this.#inFlight.clear()
    }
  }

  /** Re-query the rows around the view; the ones on screen stay until the answers arrive. */
  reload(): void {
    untrack(() => {
      this.#refresh.cancel()
      this.#revision++
      this.#ensure()
    })
  }

  setSearch(search: string): void {
    if (search === this.search) return
    this.search = search
    this.#newQuery()
  }

  /** A new column sorts ascending; the same column flips direction. */
  toggleSort(field: SortFieldOf<M>): void {
    const current = this.sort
    const dir: SortDir = current?.field === field && current.dir === 'asc' ? 'desc' : 'asc'
    this.sort = { field, dir }
    this.#newQuery()
  }

  setScope(scope: Scope): void {
    this.scope = scope
    this.#newQuery()
  }

  /** Filters with an empty value are dropped: they mean "any". */
  setFilters(filters: Readonly<Record<string, string | undefined>>): void {
    this.filters = filterInput(filters)
    this.#newQuery()
  }

  /**
   * Search, filters, scope and sort at once (an address or a figure of the Overview asked for
   * them): one new query, and none if the list already shows exactly that.
   */
  narrow(next: Narrowing<SortFieldOf<M>>): void {
    const filters = filterInput(next.filters)
    const sort = this.sort
    const sameSort =
      sort === next.sort || (sort?.field === next.sort?.field && sort?.dir === next.sort?.dir)
    if (
      next.search === this.search &&
      sameSort &&
      sameFields(filters, this.filters) &&
      sameFields(next.scope, this.scope)
    ) {
      return
    }
    this.search = next.search
    this.filters = filters
    this.scope = next.scope
    this.sort = next.sort
    this.#newQuery()
  }

  /** Search, sort or scope changed: every row index means another row now; start at the top. */
  #newQuery(): void {
    untrack(() => {
      this.queryId++
      this.#view = { start: 0, end: 0 }
      this.reload()
    })
  }

  /**
   * Accounts left with all their rows: none of theirs may stay on screen until the re-query
   * answers. Row indexes shift, so held blocks holding any go whole; the query goes out now.
   */
  #forget(removed: readonly string[]): void {
    untrack(() => {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this check
      const gone = new Set(removed)
      const scoped = this.scope.accountId !== undefined && gone.has(this.scope.accountId)
      const held = (): boolean =>
        [...this.#blocks.values()].some((b) => b.rows.some((r) => gone.has(accountOf(r))))
      if (scoped || held()) {
        this.#blocks.clear()
        if (scoped) this.total = 0
      }
      this.reload()
    })
  }

  // `account` events move only an account's status and freshness (the freshness line reads the
  // account itself); rows change with `changed` events, and leave with their account.
  #relevant(event: AgentEvent): boolean {
    if (event.type === 'accounts') return true
    if (event.type !== 'changed' || event.kind !== this.kind) return false
    const only = this.scope.accountId
    return only === undefined || event.accountId === only
  }

  #ensure(): void {
    const wanted = wantedBlocks(this.#view, this.total, this.blockSize)
    for (const block of this.#blocks.keys()) {
      if (!keepBlock(block, wanted)) this.#blocks.delete(block)
    }
    for (const block of wanted) {
      const have = this.#blocks.get(block)
      if (have && have.query === this.queryId && have.revision === this.#revision) continue
      const asked = this.#inFlight.get(block)
      if (asked && asked.query === this.queryId && asked.revision === this.#revision) continue
      this.#fetch(block)
    }
  }

  #fetch(block: number): void {
    const query = this.queryId
    const revision = this.#revision
    this.#inFlight.set(block, { query, revision })
    this.loading = true
    const call = this.#api.call(this.method, this.#input(block)) as Promise<Result<Page<RowOf<M>>>>
    void call.then((result) => this.#answer(block, query, revision, result))
  }

  #answer(block: number, query: number, revision: number, result: Result<Page<RowOf<M>>>): void {
    const asked = this.#inFlight.get(block)
    if (asked?.query === query && asked.revision === revision) this.#inFlight.delete(block)
    this.loading = this.#inFlight.size > 0
    // An answer to an older search/sort/scope, or one overtaken by a newer answer, is dropped.
    if (query !== this.queryId) return
    const have = this.#blocks.get(block)
    if (have && have.query === query && have.revision > revision) return
    if (!result.ok) {
      if (revision === this.#revision) this.error = result.error
      return
    }
    this.error = null
    // The first rows of a new query replace everything kept from the old one.
    for (const [b, kept] of this.#blocks) if (kept.query !== query) this.#blocks.delete(b)
    let moved = false
    if (revision >= this.#totalRevision) {
      this.#totalRevision = revision
      moved = this.total !== result.value.total
      this.total = result.value.total
      this.asOf = result.value.asOf
    }
    // The view may have moved on while this block was on its way.
    if (keepBlock(block, wantedBlocks(this.#view, this.total, this.blockSize))) {
      this.#blocks.set(block, { rows: result.value.items, query, revision })
    }
    // The total decides which blocks exist; a new one may call for others.
    if (moved && this.#started) this.#ensure()
  }

  /** One page of the list's current query (search, sort, scope, filters), asked of the agent. */
  page(offset: number, limit: number): Promise<Result<Page<RowOf<M>>>> {
    return this.#api.call(this.method, this.#query(offset, limit)) as Promise<
      Result<Page<RowOf<M>>>
    >
  }

  #input(block: number): MethodInput<M> {
    return this.#query(block * this.blockSize, this.blockSize)
  }

  #query(offset: number, limit: number): MethodInput<M> {
    const input: Record<string, unknown> = { offset, limit }
    if (this.search) input.search = this.search
    if (this.sort) input.sort = { ...this.sort }
    if (this.scope.accountId) input.accountId = this.scope.accountId
    if (this.scope.cluster !== undefined) input.cluster = this.scope.cluster
    Object.assign(input, this.filters)
    return input as MethodInput<M>
  }
}
