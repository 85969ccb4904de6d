/**
 * A naive reference for the cache's list queries: filter, search, sort and page plain arrays in
 * JS, the way the SQL is meant to, so tests can compare every page the SQL returns against it.
 */
import { naturalCompare } from './natural-compare'

export type Value = string | number | null

export interface ReferenceQuery {
  where?: Record<string, Value | undefined>
  /** Case-insensitive (ASCII) substring over `searched`, like SQL LIKE '%term%'. */
  search?: string
  searched: readonly string[]
  /** Field names in order: the sort field (if any) then the tiebreak, all one direction. */
  order: readonly string[]
  dir: 'asc' | 'desc'
  /** Text fields compared as plain text rather than in natural order (default: the key). */
  plain?: readonly string[]
  offset: number
  limit: number
}

const compare = (a: Value, b: Value): number => {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return a < b ? -1 : 1
}

/**
 * Text in natural order, as the cache sorts names (for the words a state or type is, the same),
 * but for the fields it compares as plain text: a row's key, which only breaks ties.
 */
const compareField = (field: string, a: Value, b: Value, plain: readonly string[]): number =>
  typeof a === 'string' && typeof b === 'string' && !plain.includes(field)
    ? naturalCompare(a, b)
    : compare(a, b)

const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase())

export function referencePage<T extends Record<string, unknown>>(
  rows: readonly T[],
  q: ReferenceQuery
): { items: T[]; total: number } {
  const term = q.search?.trim() ? asciiLower(q.search.trim()) : null
  const kept = rows.filter((row) => {
    for (const [field, value] of Object.entries(q.where ?? {})) {
      if (value !== undefined && row[field] !== value) return false
    }
    if (term === null) return true
    return q.searched.some((f) => asciiLower(String(row[f] ?? '')).includes(term))
  })
  const order = [...new Set(q.order)]
  const sign = q.dir === 'desc' ? -1 : 1
  kept.sort((a, b) => {
    for (const f of order) {
      const c = compareField(f, a[f] as Value, b[f] as Value, q.plain ?? ['key'])
      if (c) return sign * c
    }
    return 0
  })
  return { items: kept.slice(q.offset, q.offset + q.limit), total: kept.length }
}

/** Offsets worth trying over a result of `total` rows: both ends, the middle, and past the end. */
export const offsetsFor = (total: number, limit: number): number[] =>
  [
    ...new Set([
      0,
      Math.min(limit, total),
      Math.floor(total / 2) - 3,
      Math.max(0, total - limit - 1),
      Math.max(0, total - 1),
      total + 5
    ])
  ].filter((o) => o >= 0)
