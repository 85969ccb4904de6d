import type { Statement } from 'better-sqlite3'
import type { Db } from './db'

const LIMIT = 256
const byDb = new WeakMap<Db, Map<string, Statement>>()

/**
 * The connection's prepared statement for `sql`, compiled once: a list query is a handful of
 * statements whose compilation would otherwise cost as much as running them.
 */
export function prepared(db: Db, sql: string): Statement {
  let cache = byDb.get(db)
  if (!cache) byDb.set(db, (cache = new Map()))
  let statement = cache.get(sql)
  if (statement) {
    // Most recently used last, so the oldest is the first key.
    cache.delete(sql)
  } else {
    statement = db.prepare(sql)
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string)
  }
  cache.set(sql, statement)
  return statement
}

/**
 * Changes with every commit to the file, from this connection or any other (a sync worker's
 * writer): what a cached answer is valid for.
 */
export function dataVersion(db: Db): string {
  const theirs = prepared(db, 'PRAGMA data_version').pluck().get() as number
  const ours = prepared(db, 'SELECT total_changes()').pluck().get() as number
  return `${theirs}:${ours}`
}
