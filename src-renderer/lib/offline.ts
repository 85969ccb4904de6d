import type { AccountView } from '@contract'

/** Disconnected: offline, or refused by the server. Either way its rows are the cache's. */
export const isTroubled = (a: AccountView): boolean =>
  a.status.state === 'offline' || a.status.state === 'auth-failed'

/** Since when the first of these accounts has been disconnected; null while all are connected. */
export function offlineSince(accounts: readonly AccountView[]): number | null {
  const since = accounts.filter(isTroubled).map((a) => a.status.since)
  return since.length === 0 ? null : Math.min(...since)
}
