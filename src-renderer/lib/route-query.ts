/**
 * A list's own state as the query of its address: `#/cycle-images?state=live&source=<id>&q=web`.
 * Parameters, always in this order: the list's filters (`cluster` for Nodes, `state`, `source`,
 * `origin`), `account`, `q` (the search), `sort` (`sort=name` ascending, `sort=-name`
 * descending). Parsing keeps only what the agent's contract accepts (its lengths, its sort
 * fields) and drops the rest, so a pasted or hand-edited address never sends an invalid query.
 * Written without zod: the router runs before the contract's code is loaded.
 */

export type SortDir = 'asc' | 'desc'

export interface ListQuery {
  search?: string
  /** One account's rows only. */
  accountId?: string
  /** Nodes only: one cluster's nodes. */
  cluster?: string
  /** The list's filters as its query fields (`{ state: 'live', sourceId: '…' }`). */
  filters?: Readonly<Record<string, string>>
  sort?: { field: string; dir: SortDir }
}

export type ListView =
  'nodes' | 'clusters' | 'images' | 'networks' | 'cycle-images' | 'cycle-sources' | 'cycle-jobs'

/** The contract's limits (src-shared/contract: queries.ts, inputs.ts); test/renderer holds them equal. */
export const QUERY_LIMITS = { search: 200, id: 256, name: 253 } as const

type Check = (value: string) => boolean
const upTo =
  (max: number): Check =>
  (value) =>
    value.length > 0 && value.length <= max

interface Filter {
  param: string
  field: string
  valid: Check
}

interface ListSpec {
  filters: readonly Filter[]
  /** The fields the user may sort by; none for a list in a fixed order (Hub jobs: newest first). */
  sort: readonly string[]
}

/** Each list's parameters; the sort fields are the contract's (test/renderer/route-query.test.ts). */
export const LIST_SPECS: Record<ListView, ListSpec> = {
  nodes: { filters: [], sort: ['name', 'cluster', 'state', 'address', 'image'] },
  clusters: { filters: [], sort: ['name', 'state', 'address', 'nodeCount'] },
  images: { filters: [], sort: ['name', 'registry', 'user', 'image', 'tag'] },
  networks: { filters: [], sort: ['name', 'subnet', 'state', 'nodeCount'] },
  'cycle-images': {
    filters: [
      { param: 'state', field: 'state', valid: upTo(QUERY_LIMITS.name) },
      { param: 'source', field: 'sourceId', valid: upTo(QUERY_LIMITS.id) }
    ],
    sort: ['name', 'state', 'size', 'createdAt', 'containers']
  },
  'cycle-sources': {
    filters: [{ param: 'origin', field: 'origin', valid: upTo(QUERY_LIMITS.name) }],
    sort: ['name', 'type', 'state', 'images']
  },
  'cycle-jobs': {
    filters: [{ param: 'state', field: 'state', valid: upTo(QUERY_LIMITS.name) }],
    sort: []
  }
}

export const isListView = (view: string): view is ListView => Object.hasOwn(LIST_SPECS, view)

const validSearch = upTo(QUERY_LIMITS.search)
const validAccount = upTo(QUERY_LIMITS.id)
const validCluster = upTo(QUERY_LIMITS.name)

/** The query with only what `view` knows and accepts; empty parts left out. */
export function cleanListQuery(view: ListView, query: ListQuery): ListQuery {
  const spec = LIST_SPECS[view]
  const out: ListQuery = {}
  if (view === 'nodes' && query.cluster !== undefined && validCluster(query.cluster)) {
    out.cluster = query.cluster
  }
  const filters: Record<string, string> = {}
  for (const { field, valid } of spec.filters) {
    const value = query.filters?.[field]
    if (value !== undefined && valid(value)) filters[field] = value
  }
  if (Object.keys(filters).length > 0) out.filters = filters
  if (query.accountId !== undefined && validAccount(query.accountId)) {
    out.accountId = query.accountId
  }
  const search = query.search?.trim()
  if (search !== undefined && validSearch(search)) out.search = search
  const sort = query.sort
  if (sort && spec.sort.includes(sort.field) && (sort.dir === 'asc' || sort.dir === 'desc')) {
    out.sort = { field: sort.field, dir: sort.dir }
  }
  return out
}

/** `?state=live&q=web`, or '' for a list as it opens. */
export function formatListQuery(view: ListView, query: ListQuery): string {
  const clean = cleanListQuery(view, query)
  const params = new URLSearchParams()
  if (clean.cluster !== undefined) params.set('cluster', clean.cluster)
  for (const { param, field } of LIST_SPECS[view].filters) {
    const value = clean.filters?.[field]
    if (value !== undefined) params.set(param, value)
  }
  if (clean.accountId !== undefined) params.set('account', clean.accountId)
  if (clean.search !== undefined) params.set('q', clean.search)
  if (clean.sort) params.set('sort', `${clean.sort.dir === 'desc' ? '-' : ''}${clean.sort.field}`)
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The query an address's `?…` part names for `view`; unknown or invalid parts are dropped. */
export function parseListQuery(view: ListView, search: string): ListQuery {
  const params = new URLSearchParams(search)
  const read = (name: string): string | undefined => params.get(name) ?? undefined
  const filters: Record<string, string> = {}
  for (const { param, field } of LIST_SPECS[view].filters) {
    const value = read(param)
    if (value !== undefined) filters[field] = value
  }
  const sortText = read('sort')
  const desc = sortText?.startsWith('-') === true
  const field = desc ? sortText?.slice(1) : sortText
  return cleanListQuery(view, {
    cluster: read('cluster'),
    filters,
    accountId: read('account'),
    search: read('q'),
    sort: field ? { field, dir: desc ? 'desc' : 'asc' } : undefined
  })
}
