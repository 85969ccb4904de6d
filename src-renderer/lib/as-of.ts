import type { AccountView } from '@contract'

/**
 * How fresh a list is: its last answer's `asOf`, moved forward by its accounts' syncs since.
 * Lists re-query only when their rows change, so a sync that changed nothing reaches the
 * freshness line through the accounts' own `lastSyncAt` (an `account` event), not a re-query.
 * An account's `lastSyncAt` is its stalest resource's, so it never claims more than is true.
 */
export function listAsOf(asOf: number | null, from: readonly AccountView[]): number | null {
  if (from.length === 0) return asOf
  let oldest = Infinity
  for (const account of from) {
    if (account.lastSyncAt === null) return asOf
    oldest = Math.min(oldest, account.lastSyncAt)
  }
  return asOf === null ? oldest : Math.max(asOf, oldest)
}
