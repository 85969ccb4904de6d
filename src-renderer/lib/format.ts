/** Formatting shared by the views. Times are local wall-clock, 24-hour, so they line up in columns. */

const pad = (n: number): string => String(n).padStart(2, '0')

/** `HH:MM:SS` in local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** Whole seconds until `at`, never negative; rounds up so "in 1s" shows until the moment itself. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000))
}

const count = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return count.format(n)
}

/** "1–100 of 523"; an en dash, as in print. */
export function pageRange(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return `0 of ${formatCount(total)}`
  return `${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`
}

/** "12s", "3m 05s", "1h 02m": how long something took or has been going. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ${pad(s % 60)}s`
  return `${Math.floor(m / 60)}h ${pad(m % 60)}m`
}
