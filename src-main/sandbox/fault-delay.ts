/** The longest delay a fault may hold an answer back: long enough for any test, short of a hang. */
const MAX_DELAY_MS = 600_000

/** A delay fault's new value, or a RangeError naming the setting (`faults.qbo.delayMs`). */
export function checkedDelay(setting: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > MAX_DELAY_MS) {
    throw new RangeError(`${setting} must be from 0 to ${MAX_DELAY_MS}, got ${value}`)
  }
  return value
}
