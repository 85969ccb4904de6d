import { z } from 'zod'
import type { Db } from '../cache/db'
import { ServiceAccountKey } from '../providers/qbo/auth'
import type { AccountSecrets, AccountSpec } from './account-spec'
import type { Vault } from '../vault/vault'

interface Row {
  id: string
  kind: string
  name: string
  url: string
  sealed: string
}

/** What an opened secret must be: it came off disk, so it is checked, not trusted. */
const Secrets = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('qbo'),
    auth: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('token'), token: z.string() }),
      z.object({ kind: z.literal('service-account'), aux: z.string(), key: ServiceAccountKey })
    ]),
    protocol: z.string().optional()
  }),
  z.object({ kind: z.literal('cycle'), apiKey: z.string(), hubId: z.string() })
])

/** A stored account whose secret cannot be used: it is listed, never connected. */
export interface UnreadableAccount {
  id: string
  kind: AccountSpec['kind']
  name: string
  url: string
  /** Why, for the user: what happened and what to do. */
  reason: string
  /** What failed, for the log. */
  detail: string
}

export const KEY_LOST_REASON =
  "The key that sealed this account's secret is missing or was replaced: remove the account and add it again."
export const SECRET_DAMAGED_REASON =
  "This account's stored secret is damaged: remove the account and add it again."

/** Accounts the user added, their credentials sealed by the vault before they are written. */
export class AccountStore {
  constructor(
    private readonly db: Db,
    private readonly vault: Vault
  ) {}

  /**
   * Every stored account: those whose secret opens, and those whose secret does not (the key was
   * lost or replaced), which must not stop the others or Berth from starting.
   */
  list(): { accounts: AccountSpec[]; unreadable: UnreadableAccount[] } {
    const rows = this.db
      .prepare('SELECT id, kind, name, url, sealed FROM accounts ORDER BY created_at, id')
      .all() as Row[]
    const accounts: AccountSpec[] = []
    const unreadable: UnreadableAccount[] = []
    for (const r of rows) {
      const kind = r.kind === 'cycle' ? 'cycle' : 'qbo'
      const which = { id: r.id, kind, name: r.name, url: r.url } as const
      let opened: string
      try {
        opened = this.vault.open(r.sealed)
      } catch (error) {
        unreadable.push({ ...which, reason: KEY_LOST_REASON, detail: (error as Error).message })
        continue
      }
      let secrets: AccountSecrets
      try {
        secrets = Secrets.parse(JSON.parse(opened))
      } catch (error) {
        const detail = error instanceof z.ZodError ? 'unexpected shape' : (error as Error).message
        unreadable.push({ ...which, reason: SECRET_DAMAGED_REASON, detail })
        continue
      }
      accounts.push({
        ...secrets,
        id: r.id,
        name: r.name,
        url: r.url,
        origin: 'stored'
      } as AccountSpec)
    }
    return { accounts, unreadable }
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
