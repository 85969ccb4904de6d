// The SQL pieces every list path shares: order, filters, LIKE clauses, and a row's key.

import type { ListRequest, ListSpec } from './list-spec'
import { storedNaturalColumn } from './natural-key'

export type Key = [accountId: string, key: string]

export const escapeLike = (term: string): string => term.replace(/[\\%_]/g, (c) => `\\${c}`)

export function orderBy<F extends string>(
  spec: ListSpec<F>,
  sort: ListRequest<F>['sort'],
  reverse = false
): string {
  const desc = (sort ? sort.dir : (spec.defaultDir ?? 'asc')) === 'desc'
  const dir = desc !== reverse ? 'DESC' : 'ASC'
  const columns = new Set(sort ? [spec.sortable[sort.field], ...spec.tiebreak] : spec.tiebreak)
  return [...columns].map((c) => `${c} ${dir}`).join(', ')
}

export function filters<F extends string>(request: ListRequest<F>) {
  const where: Record<string, string> = {}
  for (const [column, value] of Object.entries(request.where ?? {})) {
    if (value !== undefined) where[column] = value
  }
  const clauses: string[] = []
  const params: unknown[] = []
  if (request.accountId) {
    clauses.push('t.account_id = ?')
    params.push(request.accountId)
  }
  for (const [column, value] of Object.entries(where)) {
    clauses.push(`${column} = ?`)
    params.push(value)
  }
  const conditions = request.conditions ?? []
  clauses.push(...conditions)
  return { where, clauses, params, counted: conditions.length === 0 }
}

export const whereSql = (clauses: readonly string[]): string =>
  clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''

export type Filter = ReturnType<typeof filters>

export const likeOf = (columns: readonly string[]): string =>
  `(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`
export const likeClause = <F extends string>(spec: ListSpec<F>): string => likeOf(spec.searchable)

/**
 * When the server last confirmed a row. A sync rewrites only the rows that changed, so the set's
 * own sync time confirms every row still in it; a row pushed since is newer still.
 */
export const confirmedAtSql = (resource: string): string =>
  `MAX(t.confirmed_at, COALESCE((SELECT s.synced_at FROM sync_state s
     WHERE s.account_id = t.account_id AND s.resource = '${resource}'), 0)) AS confirmedAt`

/**
 * A text column in natural order (cluster-5 before cluster-30): the key migration 9 stores beside
 * it (`<column>_nat`), which the list indexes are built on, so a page is read in index order and
 * no key is computed while reading.
 */
export const natural = storedNaturalColumn

// Natural order for a column with no stored key (a small list's): computed per row read.
export { naturalComputed } from './natural-key'
