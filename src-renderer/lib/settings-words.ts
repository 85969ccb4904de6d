import type { AppInfo, NoticeKind, Theme } from '@contract'

export const THEMES: readonly { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' }
]

/** Each kind of notification, in the words of the checkbox that lets it through as a toast. */
export const NOTICE_KINDS: readonly { kind: NoticeKind; label: string }[] = [
  { kind: 'job', label: 'Jobs finish or fail' },
  { kind: 'resource', label: 'Nodes, clusters and images change state' },
  { kind: 'account', label: 'Accounts lose or regain their connection' },
  { kind: 'outbox', label: 'Queued actions cannot be delivered' }
]

/** The background refresh choices, in seconds; 0 is off. */
export const REFRESH_CHOICES: readonly number[] = [0, 60, 300, 900, 3600]

/** "Off", "30 s", "5 min", "1 h"; an odd value set elsewhere reads as "1 h 30 min". */
export function intervalLabel(seconds: number): string {
  if (seconds <= 0) return 'Off'
  if (seconds < 60) return `${seconds} s`
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const parts = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', s > 0 ? `${s} s` : '']
  return parts.filter(Boolean).join(' ')
}

export const SECRET_WORDS: Record<AppInfo['secrets'], string> = {
  'os-keyring': "Sealed by the operating system's keyring",
  'key-file': 'Encrypted with a key file kept in the data folder'
}
