import type { Db } from './db'
import type { ListRequest, ListSpec } from './list-spec'
import {
  escapeLike,
  likeClause,
  likeOf,
  orderBy,
  whereSql,
  type Filter,
  type Key
} from './list-sql'
import { dataVersion, prepared } from './prepared'
import { countRows } from './row-counts'

/**
 * A large list searched: the matching keys in order, found through the trigram index (LIKE for
 * terms it cannot serve), are computed once per term, filters and sort and kept until the cache
 * changes, so the total and every further window of the same result cost no scan.
 */
export function searchPage<F extends string>(
  db: Db,
  spec: ListSpec<F>,
  request: ListRequest<F>,
  filter: Filter,
  term: string
) {
  const large = spec.large as NonNullable<ListSpec<F>['large']>
  const first = denseEnds(db, spec, request, filter, term)
  if (first) return first
  const order = orderBy(spec, request.sort)
  const like = `%${escapeLike(term)}%`
  let sql: string
  let params: unknown[]
  if ([...term].length >= 3) {
    const table = spec.table
    const confirmed = likeOf(large.indexed)
    const likes = large.indexed.map(() => like)
    // Outside ASCII, FTS5 folds case more widely than LIKE does: its matches are confirmed.
    // (Inside it they agree, but for the odd letter that folds into ASCII, like the Kelvin sign.)
    const ascii = /^[\x20-\x7e]*$/.test(term)
    // The index's matches, less rows marked since it last caught up; plus those that match now.
    const confirm = `AND EXISTS (SELECT 1 FROM ${table} t WHERE t.account_id = s.account_id
                                   AND t.${spec.key} = s.key AND ${confirmed})`
    const m = `SELECT s.account_id, s.key FROM ${table}_search s
               WHERE s.sid IN (SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?)
                 AND NOT EXISTS (SELECT 1 FROM search_pending p WHERE p.tbl = '${table}'
                                   AND p.account_id = s.account_id AND p.key = s.key)
                 ${ascii ? '' : confirm}
               UNION
               SELECT t.account_id, t.${spec.key} FROM search_pending p
               JOIN ${table} t ON t.account_id = p.account_id AND t.${spec.key} = p.key
               WHERE p.tbl = '${table}' AND ${confirmed}
               ${large.alsoMatching ? `UNION ${large.alsoMatching}` : ''}`
    sql = `WITH m(account_id, key) AS MATERIALIZED (${m})
           SELECT t.account_id, t.${spec.key} FROM m
           JOIN ${table} t ON t.account_id = m.account_id AND t.${spec.key} = m.key
           ${whereSql(filter.clauses)} ORDER BY ${order}`
    params = [`"${term.replace(/"/g, '""')}"`, ...(ascii ? [] : likes), ...likes]
    if (large.alsoMatching) params.push(like)
    params.push(...filter.params)
  } else {
    sql = `SELECT t.account_id, t.${spec.key} FROM ${spec.from}
           ${whereSql([...filter.clauses, likeClause(spec)])} ORDER BY ${order}`
    params = [...filter.params, ...spec.searchable.map(() => like)]
  }
  const all = matchingKeys(db, sql, params)
  return { keys: all.slice(request.offset, request.offset + request.limit), total: all.length }
}

/** A search matching at least this share of the rows is dense: its rows are met walking in order. */
const DENSE = 0.25
/** How far from either end of a dense result a window is read by walking rather than listing. */
const NEAR_END = 1000

/**
 * The first (or last) windows of a dense search, before its whole result is listed: walking
 * the sort's index and testing each row meets the window's rows within a few thousand steps,
 * and the index counts the matches. Listing and sorting 100,000 matches would take far longer,
 * so it waits until a window further in is asked for. Only where the count is the whole answer:
 * nothing marked, no filter but a sole account, no other table to match.
 */
function denseEnds<F extends string>(
  db: Db,
  spec: ListSpec<F>,
  request: ListRequest<F>,
  filter: Filter,
  term: string
): { keys: Key[]; total: number } | null {
  const large = spec.large as NonNullable<ListSpec<F>['large']>
  const table = spec.table
  if (large.alsoMatching || Object.keys(filter.where).length || !filter.counted) return null
  // One character has no trigram but nearly always matches most rows: it is counted by LIKE.
  const single = [...term].length === 1
  if (!single && !/^[\x20-\x7e]{3,}$/.test(term)) return null
  const rows = countRows(db, table, large.counted, undefined, {}) as number
  if (request.accountId && countRows(db, table, large.counted, request.accountId, {}) !== rows) {
    return null
  }
  const marked = prepared(db, 'SELECT EXISTS (SELECT 1 FROM search_pending WHERE tbl = ?)')
  if (!single && marked.pluck().get(table)) return null
  const like = `%${escapeLike(term)}%`
  const [countSql, countArgs] = single
    ? [
        `SELECT COUNT(*) FROM ${table} t WHERE ${likeOf(large.indexed)}`,
        large.indexed.map(() => like)
      ]
    : [
        `SELECT COUNT(*) FROM ${table}_fts WHERE ${table}_fts MATCH ?`,
        [`"${term.replace(/"/g, '""')}"`]
      ]
  const total = kept(db, `${countSql}\u0000${JSON.stringify(countArgs)}`, () =>
    prepared(db, countSql)
      .pluck()
      .get(...countArgs)
  ) as number
  if (total < rows * DENSE || request.offset >= total) return null
  const { offset, limit } = request
  const reverse = offset > (total - limit) / 2
  if ((reverse ? total - offset : offset + limit) > NEAR_END) return null
  const skip = reverse ? Math.max(0, total - offset - limit) : offset
  const take = reverse ? Math.min(limit, total - offset) : limit
  const keys = prepared(
    db,
    `SELECT t.account_id, t.${spec.key} FROM ${table} t
     INDEXED BY ${large.indexes[request.sort?.field ?? '']}
     WHERE ${likeOf(large.indexed)} ORDER BY ${orderBy(spec, request.sort, reverse)}
     LIMIT ? OFFSET ?`
  )
    .raw()
    .all(...large.indexed.map(() => like), take, skip) as Key[]
  if (reverse) keys.reverse()
  return { keys, total }
}

// A dense result holds ~100k keys (~10 MB); counts are small. Keep what the views on screen read.
const RESULTS_KEPT = 4
const results = new WeakMap<Db, Map<string, { version: string; value: unknown }>>()

/** `compute()`'s answer, kept until the cache changes (a commit from any connection). */
function kept(db: Db, id: string, compute: () => unknown): unknown {
  let all = results.get(db)
  if (!all) results.set(db, (all = new Map()))
  const version = dataVersion(db)
  const hit = all.get(id)
  all.delete(id)
  const value = hit?.version === version ? hit.value : compute()
  if (all.size >= RESULTS_KEPT) all.delete(all.keys().next().value as string)
  all.set(id, { version, value })
  return value
}

const matchingKeys = (db: Db, sql: string, params: unknown[]): Key[] =>
  kept(db, `${sql}\u0000${JSON.stringify(params)}`, () =>
    prepared(db, sql)
      .raw()
      .all(...params)
  ) as Key[]
