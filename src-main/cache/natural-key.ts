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
 */
export function naturalKey(text: string): string {
  // A loop rather than a regular expression: this runs for every naturally sorted column of
  // every row written, and takes half the time.
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

/** A column value's stored natural-order key: null stays null (as the SQL function has it). */
export const naturalKeyOf = (value: unknown): string | null =>
  value === null || value === undefined ? null : naturalKey(String(value))

/** The SQL function the cache's stored natural-order keys are computed by (migration 9). */
export const NATURAL_KEY_SQL = 'natural_key'

/**
 * Natural order for a column with no stored key (a small list's, or kept counts): the key is
 * computed per row read, so only the cache's own connections (which register it) can run it.
 */
export const naturalComputed = (column: string): string => `${NATURAL_KEY_SQL}(${column})`

/**
 * Makes natural_key(text) known to a connection. Berth's connections need it: the small lists
 * sort by it, migration 9 filled the stored keys with it, and its triggers compute the keys of a
 * row written without them (without it, "no such function: natural_key"). Reading,
 * deleting, `integrity_check` and writes that give the keys do not need it.
 */
export function registerNaturalKey(db: Database.Database): void {
  db.function(NATURAL_KEY_SQL, { deterministic: true }, naturalKeyOf)
}

/**
 * The columns of each table whose natural-order key is stored beside them as `<column>_nat`
 * (migration 9), which every writer of those tables fills: the lists' indexes are built on them.
 */
const NATURAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  nodes: ['name', 'cluster', 'address', 'image'],
  images: ['name', 'tag'],
  clusters: ['name'],
  pods: ['name', 'cluster', 'namespace', 'node'],
  services: ['name', 'cluster', 'namespace'],
  load_balancers: ['vip', 'cluster', 'rip', 'node'],
  cycle_images: ['name'],
  cycle_jobs: ['caption']
}

export const naturalColumnsOf = (table: string): readonly string[] => NATURAL_COLUMNS[table] ?? []

/** Where a column's natural-order key is stored. */
export const storedNaturalColumn = (column: string): string => `${column}_nat`
