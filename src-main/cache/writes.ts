import type { ResourceKind } from '@contract'
import type { Db } from './db'
import { columnValues, tables, type RecordsByKind } from './records'

/** Inserts or updates rows, all stamped as confirmed at `at`; the caller owns the transaction. */
function upsertAll<K extends ResourceKind>(
  db: Db,
  accountId: string,
  kind: K,
  records: readonly RecordsByKind[K][],
  at: number
): void {
  const { table, key, fields } = tables[kind]
  const columns = fields.map(([, column]) => column)
  const all = ['account_id', ...columns, 'raw', 'confirmed_at']
  const updates = [...columns, 'raw', 'confirmed_at'].map((c) => `${c} = excluded.${c}`)
  const upsert = db.prepare(
    `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
     ON CONFLICT (account_id, ${key}) DO UPDATE SET ${updates.join(', ')}`
  )
  for (const record of records) {
    upsert.run(accountId, ...columnValues(kind, record), JSON.stringify(record.raw), at)
  }
}

/** A confirmation time strictly after the last sync, so "older than now" means "not seen now". */
function nextConfirmation(db: Db, accountId: string, kind: ResourceKind, now: number): number {
  const row = db
    .prepare('SELECT synced_at FROM sync_state WHERE account_id = ? AND resource = ?')
    .get(accountId, kind) as { synced_at: number } | undefined
  return row && row.synced_at >= now ? row.synced_at + 1 : now
}

/**
 * Replaces an account's whole set of one resource in one transaction: rows the server no longer
 * lists disappear, and a crash part-way leaves the previous consistent set.
 */
export function replaceSet<K extends ResourceKind>(
  db: Db,
  accountId: string,
  kind: K,
  records: readonly RecordsByKind[K][],
  now = Date.now()
): void {
  db.transaction(() => {
    const at = nextConfirmation(db, accountId, kind, now)
    upsertAll(db, accountId, kind, records, at)
    db.prepare(`DELETE FROM ${tables[kind].table} WHERE account_id = ? AND confirmed_at < ?`).run(
      accountId,
      at
    )
    db.prepare(
      `INSERT INTO sync_state (account_id, resource, synced_at) VALUES (?, ?, ?)
       ON CONFLICT (account_id, resource) DO UPDATE SET synced_at = excluded.synced_at`
    ).run(accountId, kind, at)
  })()
}

/** Applies pushed rows (a mirror update) without touching the rest of the set. */
export function patchRows<K extends ResourceKind>(
  db: Db,
  accountId: string,
  kind: K,
  records: readonly RecordsByKind[K][],
  now = Date.now()
): void {
  db.transaction(() => upsertAll(db, accountId, kind, records, now))()
}

/** Removes rows the server announced as gone, by their key within the account. */
export function removeRows(
  db: Db,
  accountId: string,
  kind: ResourceKind,
  keys: readonly string[]
): void {
  const { table, key } = tables[kind]
  const remove = db.prepare(`DELETE FROM ${table} WHERE account_id = ? AND ${key} = ?`)
  db.transaction(() => {
    for (const k of keys) remove.run(accountId, k)
  })()
}
