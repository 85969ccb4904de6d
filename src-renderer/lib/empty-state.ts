import type { AccountView, ResourceKind } from '@contract'

/** Why a list has no rows, which decides what the empty state tells the user to do. */
export type EmptyReason =
  | { kind: 'no-accounts' }
  | { kind: 'no-match'; search: string }
  | { kind: 'no-cluster-match'; cluster: string }
  | { kind: 'waiting'; names: string }
  | { kind: 'unreachable'; names: string; authFailed: boolean }
  /** Every account's server refused to list this kind: no rows will come by waiting. */
  | { kind: 'unsupported'; names: string }
  | { kind: 'none' }

export interface EmptyInput {
  accountsLoaded: boolean
  accountsFailed: boolean
  accounts: readonly AccountView[]
  /** Total rows of the current page's query, or null before the first answer. */
  total: number | null
  search: string
  cluster?: string
  /** What the list holds, for telling a kind the servers do not list from an empty one. */
  resource?: ResourceKind
}

/** "a", "a and b", "a, b and c". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** Null while there are rows, or while it is too early to say why there are none. */
export function emptyReason(input: EmptyInput): EmptyReason | null {
  if (input.accountsLoaded && input.accounts.length === 0) return { kind: 'no-accounts' }
  if (input.total === null || input.total > 0) return null
  if (input.search) return { kind: 'no-match', search: input.search }
  if (input.cluster !== undefined) return { kind: 'no-cluster-match', cluster: input.cluster }
  if (!input.accountsLoaded) return input.accountsFailed ? { kind: 'none' } : null

  const { resource } = input
  if (
    resource !== undefined &&
    input.accounts.length > 0 &&
    input.accounts.every((a) => a.unsupported?.includes(resource))
  ) {
    return { kind: 'unsupported', names: joinNames(input.accounts.map((a) => a.name)) }
  }

  const unsynced = input.accounts.filter((a) => a.lastSyncAt === null)
  const reachable = unsynced.filter(
    (a) => a.status.state === 'online' || a.status.state === 'connecting'
  )
  if (reachable.length > 0) {
    return { kind: 'waiting', names: joinNames(reachable.map((a) => a.name)) }
  }
  if (unsynced.length > 0) {
    return {
      kind: 'unreachable',
      names: joinNames(unsynced.map((a) => a.name)),
      authFailed: unsynced.every((a) => a.status.state === 'auth-failed')
    }
  }
  return { kind: 'none' }
}
