import type { Db } from './db'
import { prepared } from './prepared'
import { tables } from './records'

/** The tables with a trigram index (migration 5), and the column that keys a row. */
const searched = Object.values(tables)
  .filter((t) =>
    ['nodes', 'pods', 'services', 'load_balancers', 'cycle_images', 'cycle_jobs'].includes(t.table)
  )
  .map((t) => ({ table: t.table, key: t.key }))

/** Marks a batch takes: ~10-30 ms of indexing (nodes, this machine), short enough for any thread. */
export const CATCH_UP_ROWS = 1000

const columnsOf = new WeakMap<Db, Map<string, string[]>>()

/** The indexed columns of `table`'s trigram index, as its FTS5 table declares them. */
function ftsColumns(db: Db, table: string): string[] {
  let known = columnsOf.get(db)
  if (!known) columnsOf.set(db, (known = new Map()))
  let columns = known.get(table)
  if (!columns) {
    columns = (db.prepare(`PRAGMA table_info(${table}_fts)`).all() as Array<{ name: string }>).map(
      (c) => c.name
    )
    known.set(table, columns)
  }
  return columns
}

/**
 * Brings one batch of rows marked in search_pending (the oldest `rows` marks of one table) into
 * that table's trigram index, in one transaction; returns whether marks remain. After every
 * batch, a row without a mark is indexed as it is now, which is what a search relies on: it
 * reads the index for unmarked rows and the marked rows themselves.
 */
export function catchUpSearch(db: Db, rows = CATCH_UP_ROWS): boolean {
  return db.transaction(() => {
    const first = prepared(
      db,
      'SELECT rowid, tbl FROM search_pending NOT INDEXED ORDER BY rowid LIMIT 1'
    ).get() as { rowid: number; tbl: string } | undefined
    if (!first) return false
    const spec = searched.find((s) => s.table === first.tbl)
    if (!spec) {
      prepared(db, 'DELETE FROM search_pending WHERE tbl = ?').run(first.tbl)
      return true
    }
    const { table, key } = spec
    const last = prepared(
      db,
      `SELECT MAX(rowid) FROM (SELECT rowid FROM search_pending NOT INDEXED WHERE rowid >= ? AND tbl = ?
       ORDER BY rowid LIMIT ?)`
    )
      .pluck()
      .get(first.rowid, table, rows) as number
    const columns = ftsColumns(db, table)
    // The batch: this table's marks between the two rowids. NOT INDEXED: a batch is a rowid
    // range; the (tbl, account_id, key) index would have each statement read all of a table's
    // marks (SQLite has no statistics to know better), making a catch-up quadratic.
    const batch = `SELECT account_id, key FROM search_pending NOT INDEXED
                   WHERE rowid BETWEEN ${first.rowid} AND ${last} AND tbl = '${table}'`
    const sids = `SELECT s.sid FROM (${batch}) p
                  JOIN ${table}_search s ON s.account_id = p.account_id AND s.key = p.key`
    db.exec(`
      DELETE FROM ${table}_fts WHERE rowid IN (${sids});
      DELETE FROM ${table}_search WHERE sid IN (${sids}
        WHERE NOT EXISTS (SELECT 1 FROM ${table} t
                          WHERE t.account_id = p.account_id AND t.${key} = p.key));
      INSERT INTO ${table}_search (account_id, key)
        SELECT DISTINCT p.account_id, p.key FROM (${batch}) p
        JOIN ${table} t ON t.account_id = p.account_id AND t.${key} = p.key
        WHERE NOT EXISTS (SELECT 1 FROM ${table}_search s
                          WHERE s.account_id = p.account_id AND s.key = p.key)
        ORDER BY p.account_id, p.key;
      INSERT INTO ${table}_fts (rowid, ${columns.join(', ')})
        SELECT s.sid, ${columns.map((c) => `t.${c}`).join(', ')} FROM ${table}_search s
        JOIN ${table} t ON t.account_id = s.account_id AND t.${key} = s.key
        WHERE s.sid IN (${sids});
      DELETE FROM search_pending NOT INDEXED WHERE rowid BETWEEN ${first.rowid} AND ${last} AND tbl = '${table}';
    `)
    return (
      (prepared(db, 'SELECT EXISTS (SELECT 1 FROM search_pending)').pluck().get() as number) === 1
    )
  })()
}
