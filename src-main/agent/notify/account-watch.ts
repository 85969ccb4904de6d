import type { AccountStatus } from '@contract'
import type { Notice } from './notice'

interface Seen {
  /** Online at least once in this run: only then is going offline news. */
  wasOnline: boolean
  /** What the user was last told: that it is lost (and why), or nothing. */
  told: 'network' | 'auth' | null
}

/** Tells when an account loses or regains its connection; flapping while down says nothing new. */
export class AccountWatch {
  private readonly seen = new Map<string, Seen>()

  status(account: { id: string; name: string }, status: AccountStatus): Notice[] {
    const seen = this.seen.get(account.id) ?? { wasOnline: false, told: null }
    this.seen.set(account.id, seen)
    const base = {
      kind: 'account' as const,
      subject: account.name,
      target: { view: 'accounts' as const, accountId: account.id }
    }
    switch (status.state) {
      case 'connecting':
        return []
      case 'online': {
        const regained = seen.told !== null
        seen.wasOnline = true
        seen.told = null
        if (!regained) return []
        return [
          {
            ...base,
            level: 'success',
            key: `account:${account.id}:online:${status.since}`,
            title: `${account.name} is back online`,
            body: 'The connection was regained and the data is being refreshed.',
            burst: {
              key: 'account:online',
              title: (n) => `${n} accounts are back online`,
              target: { view: 'accounts' }
            }
          }
        ]
      }
      case 'auth-failed':
        if (seen.told === 'auth') return []
        seen.told = 'auth'
        return [
          {
            ...base,
            level: 'error',
            key: `account:${account.id}:auth:${status.since}`,
            title: `${account.name}: authentication failed`,
            body: status.reason,
            burst: {
              key: 'account:auth',
              title: (n) => `${n} accounts refused their credentials`,
              target: { view: 'accounts' }
            }
          }
        ]
      case 'offline':
        if (!seen.wasOnline || seen.told !== null) return []
        seen.told = 'network'
        return [
          {
            ...base,
            level: 'warning',
            key: `account:${account.id}:offline:${status.since}`,
            title: `${account.name} is offline`,
            body: `${status.reason}. Cached data stays browsable; actions are queued.`,
            burst: {
              key: 'account:offline',
              title: (n) => `${n} accounts are offline`,
              target: { view: 'accounts' }
            }
          }
        ]
    }
  }

  forget(accountId: string): void {
    this.seen.delete(accountId)
  }
}
