/** The longest delay setTimeout honours: a longer one fires at once (Node only warns). */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The longest Berth waits because a server said so (Retry-After and the like): past that the
 * user would sooner press Retry, and a hostile value must never become days of silence.
 */
export const MAX_WAIT_MS = 3_600_000

/**
 * A delay setTimeout keeps: never negative, never past its limit. A delay that is not a number
 * reads as the longest, so that a bad computation slows a retry loop down rather than spinning it.
 */
export function timerMs(ms: number): number {
  if (Number.isNaN(ms)) return MAX_TIMER_MS
  return Math.min(Math.max(ms, 0), MAX_TIMER_MS)
}
