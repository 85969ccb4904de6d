import { existsSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs'
import { openDatabase, type Db, type OpenOptions } from './db'

export interface OpenedCache {
  db: Db
  /** Where a damaged cache was moved aside, if it was: the UI rebuilds it from the servers. */
  recoveredFrom: string | null
  /** What was wrong with it. */
  damage: string | null
}

/**
 * Up to this size the start-up check reads every page (`quick_check`, a few milliseconds a
 * megabyte). Above it, start-up only proves the header and schema readable and leaves the page
 * walk to the background check: at 100,000 rows it would add a third to the time to serve.
 */
export const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024

/** Left by a background check that found damage; the next start moves the cache aside. */
export const damageMarkerOf = (file: string): string => `${file}.damaged`

function quickCheck(db: Db, file: string, maxBytes: number): string | null {
  const size = existsSync(file) ? statSync(file).size : 0
  if (size > maxBytes) {
    // Reads page 1 and the schema pages: what every later statement needs first.
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').pluck().get()
    return null
  }
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>
  return rows.length === 1 && rows[0]?.quick_check === 'ok' ? null : 'integrity check failed'
}

function markedDamage(file: string): string | null {
  const marker = damageMarkerOf(file)
  if (!existsSync(marker)) return null
  let reason = 'the background integrity check failed'
  try {
    const text = readFileSync(marker, 'utf8').trim()
    if (text !== '') reason = `${reason}: ${text.slice(0, 500)}`
  } catch {
    // An unreadable marker still means the last check failed.
  }
  unlinkSync(marker)
  return reason
}

/**
 * Opens the cache after a quick check (the full one runs in the background once Berth serves,
 * see integrity-check.ts). The cache holds only what servers said, so a damaged file is moved
 * aside (kept for a bug report) and a fresh one is synced again; the accounts and the job
 * outbox live in another file and are never touched here.
 */
export function openCacheChecked(
  file: string,
  options: OpenOptions = {},
  now = Date.now(),
  quickCheckMaxBytes = QUICK_CHECK_MAX_BYTES
): OpenedCache {
  let reason = markedDamage(file)
  if (reason === null) {
    try {
      const db = openDatabase(file, options)
      reason = quickCheck(db, file, quickCheckMaxBytes)
      if (reason === null) return { db, recoveredFrom: null, damage: null }
      db.close()
    } catch (error) {
      reason = (error as Error).message
    }
  }
  const aside = `${file}.damaged-${now}`
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  return { db: openDatabase(file, options), recoveredFrom: aside, damage: reason }
}
