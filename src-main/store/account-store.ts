import type { Db } from '../cache/db'
import type { AccountSecrets, AccountSpec } from './account-spec'
import type { Vault } from '../vault/vault'

interface Row {
  id: string
  name: string
  url: string
  sealed: string
}

/** Accounts the user added, their credentials sealed by the vault before they are written. */
export class AccountStore {
  constructor(
    private readonly db: Db,
    private readonly vault: Vault
  ) {}

  list(): AccountSpec[] {
    const rows = this.db
      .prepare('SELECT id, name, url, sealed FROM accounts ORDER BY created_at, id')
      .all() as Row[]
    return rows.map((r) => {
      const secrets = JSON.parse(this.vault.open(r.sealed)) as AccountSecrets
      return { ...secrets, id: r.id, name: r.name, url: r.url, origin: 'stored' } as AccountSpec
    })
  }

  add(account: AccountSpec, now = Date.now()): void {
    const secrets: AccountSecrets =
      account.kind === 'qbo'
        ? { kind: 'qbo', auth: account.auth, protocol: account.protocol }
        : { kind: 'cycle', apiKey: account.apiKey, hubId: account.hubId }
    this.db
      .prepare(
        'INSERT INTO accounts (id, kind, name, url, protocol, sealed, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)'
      )
      .run(
        account.id,
        account.kind,
        account.name,
        account.url,
        this.vault.seal(JSON.stringify(secrets)),
        now
      )
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0
  }
}
