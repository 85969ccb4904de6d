import type Database from 'better-sqlite3'

/**
 * The key that sorts names as people read them: cluster-5 before cluster-30, v1.26.6 before
 * v1.26.15, 10.0.0.9 before 10.0.0.10. Compared byte for byte (SQLite's BINARY order), keys run
 * in natural order: letters without regard to case, each run of digits by its value, and names
 * equal by those rules (case, leading zeros) by their own text, so the order is total.
 *
 * A digit run becomes the number of digits in its length, its length, then its digits without
 * leading zeros ("30" → "1230", "5" → "115", "0" → "10"): a shorter number sorts first, equal
 * lengths by their digits. Every character written is a digit, so a number meets any other
 * character as a digit would. NUL ends the folded part: nothing sorts before the end of a name.
 *
 * Self-contained on purpose (no helper outside its body): the integrity check's thread is
 * handed its source text.
 */
export function naturalKey(text: string): string {
  // A loop rather than a regular expression: SQLite calls this for every row of every index it
  // writes, and this takes half the time.
  const lower = text.toLowerCase()
  const end = lower.length
  let out = ''
  let from = 0
  let i = 0
  while (i < end) {
    const c = lower.charCodeAt(i)
    if (c < 48 || c > 57) {
      i++
      continue
    }
    out += lower.slice(from, i)
    let first = i
    while (first < end && lower.charCodeAt(first) === 48) first++
    let stop = first
    while (stop < end && lower.charCodeAt(stop) >= 48 && lower.charCodeAt(stop) <= 57) stop++
    const length = String(stop - first)
    out += `${length.length}${length}${lower.slice(first, stop)}`
    i = from = stop
  }
  return `${out}${lower.slice(from)}\u0000${text}`
}

/** The SQL function the cache's natural-order indexes are built on (migration 8). */
export const NATURAL_KEY_SQL = 'natural_key'

/**
 * Makes natural_key(text) known to a connection. Every connection that writes or checks the
 * cache needs it: its indexes are built on it, so without it a write fails ("no such function").
 */
export function registerNaturalKey(db: Database.Database): void {
  db.function(NATURAL_KEY_SQL, { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : naturalKey(String(value))
  )
}
