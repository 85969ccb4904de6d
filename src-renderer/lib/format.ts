/** Formatting shared by the views. Times are local wall-clock, 24-hour, so they line up in columns. */

const pad = (n: number): string => String(n).padStart(2, '0')

/** `HH:MM:SS` in local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** `HH:MM` in local time, for "as of" notes where seconds are noise. */
export function hourMinute(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** `HH:MM:SS` today, `YYYY-MM-DD HH:MM:SS` on any other day; both in local time. */
export function localTime(ms: number, now: number = Date.now()): string {
  const d = new Date(ms)
  const today = new Date(now)
  const sameDay =
    d.getFullYear() === today.getFullYear() &&
    d.getMonth() === today.getMonth() &&
    d.getDate() === today.getDate()
  if (sameDay) return clockTime(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockTime(ms)}`
}

/** `YYYY-MM-DD HH:MM:SS` in local time: the exact time behind a relative one (its tooltip). */
export function fullTime(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockTime(ms)}`
}

/** Go's zero time: what Cycle sends for an event that has not happened. */
const isZeroTime = (text: string): boolean => text.startsWith('0001-01-01')

/**
 * Epoch milliseconds of a time given as milliseconds or as the server's text (ISO 8601); null
 * for none, for Go's zero time and for text that is not a time.
 */
export function timeOf(at: number | string | null | undefined): number | null {
  if (typeof at === 'number') return Number.isFinite(at) ? at : null
  if (!at || isZeroTime(at)) return null
  const ms = Date.parse(at)
  return Number.isNaN(ms) ? null : ms
}

/** What stands for a time that `timeOf` cannot read: text that is not a time, as it came. */
export const unreadTime = (at: number | string | null | undefined, empty = ''): string =>
  typeof at === 'string' && at !== '' && !isZeroTime(at) ? at : empty

/** The exact local time of a time in ms or the server's text, for a tooltip; other text as is. */
export function exactTime(at: number | string): string {
  const ms = timeOf(at)
  return ms === null ? unreadTime(at) : fullTime(ms)
}

/**
 * A time inside a sentence (a job's descriptor, an image's facts), read as `relativeTime`; text
 * that is not a time as it came. Pass `clock.now` so the sentence moves on with the clock.
 */
export function relativeServerTime(at: number | string, now: number): string {
  const ms = timeOf(at)
  return ms === null ? unreadTime(at) : relativeTime(ms, now)
}

/** A timestamp the server sent as text (ISO 8601), as `localTime`; text that does not parse as is. */
export function serverTime(text: string, now: number = Date.now()): string {
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? text : localTime(ms, now)
}

/** Whole seconds until `at`, never negative; rounds up so "in 1s" shows until the moment itself. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000))
}

const count = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return count.format(n)
}

/** "12s", "3m 05s", "1h 02m": how long something took or has been going. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ${pad(s % 60)}s`
  return `${Math.floor(m / 60)}h ${pad(m % 60)}m`
}

const BYTE_UNITS = ['kB', 'MB', 'GB', 'TB', 'PB'] as const

/** "512 B", "12.3 MB", "148 MB": decimal units, as registries show image sizes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  if (bytes < 1000) return `${Math.round(bytes)} B`
  let value = bytes / 1000
  let unit = 0
  while (value >= 999.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return `${value < 99.95 ? value.toFixed(1) : Math.round(value)} ${BYTE_UNITS[unit]}`
}

/**
 * How long ago, the one way every time on screen reads: "just now", "5 min ago", "3 h ago",
 * "yesterday 09:05", then the date and time. The exact time goes in a tooltip (`fullTime`);
 * components show it through RelativeTime, which keeps it current.
 */
export function relativeTime(ms: number, now: number = Date.now()): string {
  const s = Math.floor((now - ms) / 1000)
  if (s < 45) return 'just now'
  const m = Math.round(s / 60)
  if (m < 60) return `${m} min ago`
  const h = Math.round(m / 60)
  const d = new Date(ms)
  const today = new Date(now)
  const dayStart = (back: number): number =>
    new Date(today.getFullYear(), today.getMonth(), today.getDate() - back).getTime()
  if (ms >= dayStart(0) || h < 6) return `${h} h ago`
  if (ms >= dayStart(1)) return `yesterday ${hourMinute(ms)}`
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hourMinute(ms)}`
}
