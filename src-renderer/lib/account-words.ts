import type { AccountState, AccountStatus } from '@contract'

/** Status in words; colour alone must never be the only signal. */
export const STATE_WORDS: Record<AccountState, string> = {
  online: 'Online',
  connecting: 'Connecting…',
  offline: 'Offline',
  'auth-failed': 'Authentication failed'
}

/** An account whose stored credential cannot be opened: only entering it again helps. */
export const needsReentry = (status: AccountStatus): boolean =>
  status.state === 'auth-failed' && status.needsReentry === true

export const statusWords = (status: AccountStatus): string =>
  needsReentry(status) ? 'Credential needs re-entry' : STATE_WORDS[status.state]
