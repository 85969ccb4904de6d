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
import { LiveQuery } from './live-query.svelte'

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

export const PAGE_SIZE = 100

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

/** Narrows the list to one account and, for per-cluster kinds, one cluster. */
export interface Scope {
  accountId?: string
  cluster?: string
}

export interface ResourceListOptions<F extends string = string> {
  pageSize?: number
  /** The order to start with (Hub jobs: newest first). */
  sort?: Sort<F>
  /** The scope to start with (a cluster's detail lists only that cluster's rows). */
  scope?: Scope
  coalesceMs?: number
}

/**
 * Query state for one paged resource list. Search, sort and paging are sent to the agent, which
 * runs them in SQL; the renderer never filters or sorts rows itself.
 */
export class ResourceList<M extends ListMethod> {
  readonly method: M
  readonly kind: ResourceKind
  readonly limit: number

  search = $state('')
  sort = $state.raw<Sort<SortFieldOf<M>> | undefined>(undefined)
  offset = $state(0)
  /** Only the per-cluster kinds (nodes, pods, services, load balancers) accept `cluster`. */
  scope = $state.raw<Scope>({})

  readonly #query: LiveQuery<Page<RowOf<M>>>

  constructor(api: BerthApi, method: M, options: ResourceListOptions<SortFieldOf<M>> = {}) {
    this.method = method
    this.kind = KIND[method]
    this.limit = options.pageSize ?? PAGE_SIZE
    if (options.scope) this.scope = options.scope
    if (options.sort) this.sort = options.sort
    const relevant = (event: AgentEvent): boolean => {
      const only = this.scope.accountId
      // An account event can move `asOf` or bring an account's rows in or out of reach.
      if (event.type === 'account') return only === undefined || event.account.id === only
      return (
        event.type === 'changed' &&
        event.kind === this.kind &&
        (only === undefined || event.accountId === only)
      )
    }
    this.#query = new LiveQuery<Page<RowOf<M>>>(api, {
      // The contract's page type is the zod output; `Page<Row>` is the same shape, named.
      fetch: () => api.call(method, this.#input()) as Promise<Result<Page<RowOf<M>>>>,
      relevant,
      accepted: (page) => this.#clampOffset(page),
      coalesceMs: options.coalesceMs
    })
  }

  get page(): Page<RowOf<M>> | null {
    return this.#query.value
  }
  get error(): AppError | null {
    return this.#query.error
  }
  get loading(): boolean {
    return this.#query.loading
  }

  start(): () => void {
    return this.#query.start()
  }

  reload(): void {
    this.#query.load()
  }

  setSearch(search: string): void {
    if (search === this.search) return
    this.search = search
    this.offset = 0
    this.reload()
  }

  /** A new column sorts ascending; the same column flips direction. */
  toggleSort(field: SortFieldOf<M>): void {
    const current = this.sort
    const dir: SortDir = current?.field === field && current.dir === 'asc' ? 'desc' : 'asc'
    this.sort = { field, dir }
    this.offset = 0
    this.reload()
  }

  setScope(scope: Scope): void {
    this.scope = scope
    this.offset = 0
    this.reload()
  }

  next(): void {
    const total = this.page?.total ?? 0
    if (this.offset + this.limit >= total) return
    this.offset += this.limit
    this.reload()
  }

  previous(): void {
    if (this.offset === 0) return
    this.offset = Math.max(0, this.offset - this.limit)
    this.reload()
  }

  #input(): MethodInput<M> {
    const input: Record<string, unknown> = { offset: this.offset, limit: this.limit }
    if (this.search) input.search = this.search
    if (this.sort) input.sort = { ...this.sort }
    if (this.scope.accountId) input.accountId = this.scope.accountId
    if (this.scope.cluster !== undefined) input.cluster = this.scope.cluster
    return input as MethodInput<M>
  }

  /** Rows were removed under us and this page is now past the end: step back to the last page. */
  #clampOffset(page: Page<RowOf<M>>): boolean {
    if (page.items.length > 0 || this.offset === 0) return false
    const last = page.total === 0 ? 0 : Math.floor((page.total - 1) / this.limit) * this.limit
    if (last === this.offset) return false
    this.offset = last
    return true
  }
}
