import { invalidArgument } from './errors'

/**
 * The query conventions every Cycle collection shares: `page[number]`/`page[size]`,
 * `filter[key]`, `sort`, `include`, `meta`. Lists may arrive comma-joined (`include=a,b`, what
 * Cycle documents) or repeated (`include=a&include=b`, what its generated clients send).
 */
export interface ListQuery {
  page: { number: number; size: number }
  filter: Map<string, string>
  sort: string[]
  include: Set<string>
  meta: Set<string>
}

/** Cycle documents 20 per page in its example and no total; clients page until a short page. */
export const DEFAULT_PAGE_SIZE = 20
const MAX_PAGE_SIZE = 1000

function listOf(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '')
}

function pageValue(params: URLSearchParams, key: 'number' | 'size', fallback: number): number {
  const text = params.get(`page[${key}]`)
  if (text === null || text === '') return fallback
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN
  const max = key === 'size' ? MAX_PAGE_SIZE : Number.MAX_SAFE_INTEGER
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw invalidArgument(`page[${key}] must be an integer from 1 to ${max}, got '${text}'.`)
  }
  return value
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const filter = new Map<string, string>()
  for (const key of new Set(params.keys())) {
    const match = /^filter\[([^\]]+)\]$/.exec(key)
    if (match?.[1] !== undefined) filter.set(match[1], listOf(params, key).join(','))
  }
  return {
    page: {
      number: pageValue(params, 'number', 1),
      size: pageValue(params, 'size', DEFAULT_PAGE_SIZE)
    },
    filter,
    sort: listOf(params, 'sort'),
    include: new Set(listOf(params, 'include')),
    meta: new Set(listOf(params, 'meta'))
  }
}

/** `filter[state]=live,building`: the wanted states, or undefined when not filtering. */
export function filterList(query: ListQuery, key: string): Set<string> | undefined {
  const value = query.filter.get(key)
  if (value === undefined || value === '') return undefined
  return new Set(value.split(','))
}

/** Case-insensitive substring search over a resource's human-facing fields. */
export function matchesSearch(query: ListQuery, fields: readonly (string | undefined)[]): boolean {
  const needle = query.filter.get('search')?.toLowerCase()
  if (needle === undefined || needle === '') return true
  return fields.some((field) => field?.toLowerCase().includes(needle) === true)
}

/** A dotted path (`events.created`, split once); a `{current}` state sorts by its current value. */
function valueAt(item: unknown, parts: readonly string[]): string | number {
  let value: unknown = item
  for (const part of parts) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined
  }
  if (typeof value === 'object' && value !== null && 'current' in value) {
    value = (value as { current: unknown }).current
  }
  return typeof value === 'number' || typeof value === 'string' ? value : ''
}

// Short names clients tend to use for the usual time fields.
const ALIASES: Record<string, string> = {
  created: 'events.created',
  updated: 'events.updated',
  queued: 'events.queued'
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

/**
 * Sorts by the `sort` keys (`-` = descending), then by `fallback`; ids break ties, so pages
 * never overlap or skip items between requests.
 */
export function sorted<T extends { id: string }>(
  items: readonly T[],
  query: ListQuery,
  fallback: string
): T[] {
  const keys = [...query.sort, fallback, '-id'].map((key) => {
    const descending = key.startsWith('-')
    const name = key.replace(/^[-+]/, '')
    return { parts: (ALIASES[name] ?? name).split('.'), sign: descending ? -1 : 1 }
  })
  const order = (a: T, b: T): number => {
    for (const { parts, sign } of keys) {
      const result = compare(valueAt(a, parts), valueAt(b, parts))
      if (result !== 0) return result * sign
    }
    return 0
  }
  // Every page sorts the whole collection again. Hubs list newest first and store oldest first,
  // so a 50,000-image hub is almost always exactly reversed: one linear pass, no sort.
  if (inOrder(items, (a, b) => order(b, a))) return [...items].reverse()
  if (inOrder(items, order)) return [...items]
  return [...items].sort(order)
}

function inOrder<T>(items: readonly T[], order: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) {
    if (order(items[i - 1] as T, items[i] as T) > 0) return false
  }
  return true
}

export function paged<T>(items: readonly T[], query: ListQuery): T[] {
  const start = (query.page.number - 1) * query.page.size
  return items.slice(start, start + query.page.size)
}
