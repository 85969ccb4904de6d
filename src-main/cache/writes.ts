import type { ResourceKind } from '@contract'
import type { Db } from './db'
import type { RecordsByKind } from './records'
import { RowWriter, rowOf, type Row } from './row-writer'
import { inKeyOrder, SetWrite } from './set-write'
import type { WriteSummary } from './write-summary'

export type { Brief, WriteSummary } from './write-summary'

/**
 * Replaces an account's whole set of one resource in one transaction: rows the server no longer
 * lists disappear, and a crash part-way leaves the previous consistent set. Only rows whose
 * content hash differs are written, so a refresh of unchanged data writes no row; freshness is
 * the set's (`sync_state.synced_at`), while a row's `confirmed_at` is when it last changed.
 */
export function replaceSet<K extends ResourceKind>(
  db: Db,
  accountId: string,
  kind: K,
  records: readonly RecordsByKind[K][],
  now = Date.now()
): WriteSummary {
  return replaceRows(
    db,
    accountId,
    kind,
    records.map((record) => rowOf(kind, record)),
    now
  )
}

/** `replaceSet` with the records already made rows (`rowOf`), as pages arrived. */
export function replaceRows(
  db: Db,
  accountId: string,
  kind: ResourceKind,
  rows: readonly Row[],
  now = Date.now()
): WriteSummary {
  return db.transaction(() => {
    const set = new SetWrite(db, accountId, kind, now, rows.length)
    set.addRows(set.bulk ? inKeyOrder(rows) : rows)
    return set.finish()
  })()
}

/** Applies pushed rows (a mirror update) without touching the rest of the set. */
export function patchRows<K extends ResourceKind>(
  db: Db,
  accountId: string,
  kind: K,
  records: readonly RecordsByKind[K][],
  now = Date.now()
): WriteSummary {
  return db.transaction(() => {
    const writer = new RowWriter(db, accountId, kind, now)
    for (const record of records) {
      const row = rowOf(kind, record)
      writer.putRow(row, writer.hashOf(row.key))
    }
    return writer.summary
  })()
}

/** Removes rows the server announced as gone, by their key within the account. */
export function removeRows(
  db: Db,
  accountId: string,
  kind: ResourceKind,
  keys: readonly string[]
): WriteSummary {
  return db.transaction(() => {
    const writer = new RowWriter(db, accountId, kind, 0)
    for (const key of keys) writer.drop(key)
    return writer.summary
  })()
}
