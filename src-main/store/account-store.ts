import type { Db } from '../cache/db'
import type { Vault } from '../agent/vault'
import type { QboAuth } from '../providers/qbo/auth'

export interface StoredQboAccount {
  id: string
  kind: 'qbo'
  name: string
  url: string
  protocol?: string | undefined
  auth: QboAuth
}

interface Row {
  id: string
  name: string
  url: string
  protocol: string | null
  sealed: string
}

/** Accounts the user added, with their credential sealed by the vault before it is written. */
export class AccountStore {
  constructor(
    private readonly db: Db,
    private readonly vault: Vault
  ) {}

  list(): StoredQboAccount[] {
    const rows = this.db
      .prepare('SELECT id, name, url, protocol, sealed FROM accounts ORDER BY created_at, id')
      .all() as Row[]
    return rows.map((r) => ({
      id: r.id,
      kind: 'qbo',
      name: r.name,
      url: r.url,
      protocol: r.protocol ?? undefined,
      auth: JSON.parse(this.vault.open(r.sealed)) as QboAuth
    }))
  }

  add(account: StoredQboAccount, now = Date.now()): void {
    this.db
      .prepare(
        'INSERT INTO accounts (id, kind, name, url, protocol, sealed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
      )
      .run(
        account.id,
        account.kind,
        account.name,
        account.url,
        account.protocol ?? null,
        this.vault.seal(JSON.stringify(account.auth)),
        now
      )
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0
  }
}
