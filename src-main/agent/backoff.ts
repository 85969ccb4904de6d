export interface BackoffPolicy {
  baseMs: number
  capMs: number
  /** A floor so that a lucky draw near zero cannot turn into a tight retry loop. */
  floorMs: number
}

export const networkBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, floorMs: 250 }

/** After an authentication failure: retry at 1 min, then 5 min, then wait for the user. */
export const authRetryMs: readonly number[] = [60_000, 300_000]

/** Exponential backoff with full jitter: a uniform draw below the capped exponential ceiling. */
export function fullJitter(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30))
  return Math.max(policy.floorMs, Math.floor(random() * ceiling))
}

export { MAX_WAIT_MS, timerMs } from '../providers/delay'
