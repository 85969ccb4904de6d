import type { Page } from '@contract'
import type { Db } from './db'
import type { ListRequest, ListSpec } from './list-spec'
import { searchPage } from './list-search'
import {
  escapeLike,
  filters,
  likeClause,
  orderBy,
  whereSql,
  type Filter,
  type Key
} from './list-sql'
import { prepared } from './prepared'
import { countRows } from './row-counts'

export type { ListRequest, ListSpec } from './list-spec'

/** Below this many rows a filtered list is read through its filter and sorted; above, walked. */
const WALK_ABOVE = 2000

export function listPage<Row, Field extends string>(
  db: Db,
  spec: ListSpec<Field>,
  request: ListRequest<Field>
): Page<Row> {
  const term = request.search?.trim() ?? ''
  const filter = filters(request)
  const large = spec.large
  let page: { keys?: Key[]; items?: Record<string, unknown>[]; total: number }
  if (!large) page = wholePage(db, spec, request, filter, term)
  else if (term) page = searchPage(db, spec, request, filter, term)
  else {
    // Filters that are not counted (a lookup by key) select a row or two: no walk needed.
    const column = (c: string) => c.replace(/^t\./, '')
    const counted = Object.fromEntries(Object.entries(filter.where).map(([c, v]) => [column(c), v]))
    const total = filter.counted
      ? countRows(db, spec.table, large.counted, request.accountId, counted)
      : null
    page =
      total === null
        ? wholePage(db, spec, request, filter, term)
        : walkedPage(db, spec, request, filter, total)
  }
  const items = page.items ?? rowsOf(db, spec, page.keys ?? [])
  return {
    items: (spec.map ? items.map(spec.map) : items) as Row[],
    total: page.total,
    offset: request.offset,
    asOf: asOf(db, spec.resource, request.accountId)
  }
}

/** A small list (or a lookup): filtered, sorted and counted in one statement. */
function wholePage<F extends string>(
  db: Db,
  spec: ListSpec<F>,
  request: ListRequest<F>,
  filter: Filter,
  term: string
) {
  const clauses = [...filter.clauses]
  const params = [...filter.params]
  if (term) {
    clauses.push(likeClause(spec))
    params.push(...spec.searchable.map(() => `%${escapeLike(term)}%`))
  }
  const from = `FROM ${spec.from} ${whereSql(clauses)}`
  const rows = prepared(
    db,
    `SELECT ${spec.select}, COUNT(*) OVER () AS "__total" ${from}
     ORDER BY ${orderBy(spec, request.sort)} LIMIT ? OFFSET ?`
  ).all(...params, request.limit, request.offset) as Record<string, unknown>[]
  const total = rows.length
    ? (rows[0]?.['__total'] as number)
    : (prepared(db, `SELECT COUNT(*) ${from}`)
        .pluck()
        .get(...params) as number)
  for (const row of rows) delete row['__total']
  return { items: rows, total }
}

/**
 * A large list without a search: the page's keys come from walking the sort's index, skipping
 * `offset` index entries (not rows); past the middle the walk starts from the other end.
 */
function walkedPage<F extends string>(
  db: Db,
  spec: ListSpec<F>,
  request: ListRequest<F>,
  filter: Filter,
  total: number
) {
  const { offset, limit } = request
  if (offset >= total) return { keys: [], total }
  const reverse = offset > (total - limit) / 2
  const skip = reverse ? Math.max(0, total - offset - limit) : offset
  const take = reverse ? Math.min(limit, total - offset) : limit
  const large = spec.large as NonNullable<ListSpec<F>['large']>
  // A filter narrow enough is read through its own index; a wide one (or only the account) would
  // make the planner sort all of it, so the walk is pinned to the sort's index.
  const pin = total > WALK_ABOVE ? `INDEXED BY ${large.indexes[request.sort?.field ?? '']}` : ''
  const keys = prepared(
    db,
    `SELECT t.account_id, t.${spec.key} FROM ${spec.table} t ${pin} ${whereSql(filter.clauses)}
     ORDER BY ${orderBy(spec, request.sort, reverse)} LIMIT ? OFFSET ?`
  )
    .raw()
    .all(...filter.params, take, skip) as Key[]
  if (reverse) keys.reverse()
  return { keys, total }
}

function rowsOf<F extends string>(
  db: Db,
  spec: ListSpec<F>,
  keys: readonly Key[]
): Record<string, unknown>[] {
  const one = prepared(
    db,
    `SELECT ${spec.select} FROM ${spec.from} WHERE t.account_id = ? AND t.${spec.key} = ?`
  )
  const rows: Record<string, unknown>[] = []
  for (const [accountId, key] of keys) {
    // A row deleted since its key was read is simply left out of the page.
    const row = one.get(accountId, key) as Record<string, unknown> | undefined
    if (row) rows.push(row)
  }
  return rows
}

/** The oldest confirmation among the accounts shown: a page is only as fresh as its stalest part. */
export function asOf(db: Db, resource: string, accountId: string | undefined): number | null {
  const sql = `SELECT MIN(s.synced_at) FROM sync_state s JOIN accounts a ON a.id = s.account_id
               WHERE s.resource = ?${accountId ? ' AND s.account_id = ?' : ''}`
  const args = accountId ? [resource, accountId] : [resource]
  return (
    (prepared(db, sql)
      .pluck()
      .get(...args) as number | null) ?? null
  )
}
