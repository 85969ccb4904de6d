import type { AccountState } from '@contract'

/** Status in words; colour alone must never be the only signal. */
export const STATE_WORDS: Record<AccountState, string> = {
  online: 'Online',
  connecting: 'Connecting…',
  offline: 'Offline',
  'auth-failed': 'Authentication failed'
}
