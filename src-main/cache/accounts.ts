import type { PlatformKind, ResourceKind } from '@contract'
import type { Db } from './db'

export interface AccountRow {
  id: string
  kind: PlatformKind
  name: string
  endpoint: string
}

export function upsertAccount(db: Db, account: AccountRow, now = Date.now()): void {
  db.prepare(
    `INSERT INTO accounts (id, kind, name, endpoint, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
       endpoint = excluded.endpoint`
  ).run(account.id, account.kind, account.name, account.endpoint, now)
}

/** Drops accounts no longer configured, with everything cached for them. */
export function retainAccounts(db: Db, ids: readonly string[]): void {
  const keep = new Set(ids)
  const all = db.prepare('SELECT id FROM accounts').pluck().all() as string[]
  const remove = db.prepare('DELETE FROM accounts WHERE id = ?')
  db.transaction(() => {
    for (const id of all) if (!keep.has(id)) remove.run(id)
  })()
}

/** When every given resource of the account was last confirmed, or null if one never was. */
export function lastSyncAt(
  db: Db,
  accountId: string,
  kinds: readonly ResourceKind[]
): number | null {
  const rows = db
    .prepare('SELECT resource, synced_at FROM sync_state WHERE account_id = ?')
    .all(accountId) as Array<{ resource: string; synced_at: number }>
  const times = kinds.map((k) => rows.find((r) => r.resource === k)?.synced_at)
  if (times.some((t) => t === undefined)) return null
  return Math.min(...(times as number[]))
}
