import { existsSync, renameSync } from 'node:fs'
import { openDatabase, type Db, type OpenOptions } from './db'

export interface OpenedCache {
  db: Db
  /** Where a damaged cache was moved aside, if it was: the UI rebuilds it from the servers. */
  recoveredFrom: string | null
  /** What was wrong with it. */
  damage: string | null
}

function healthy(db: Db): boolean {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>
  return rows.length === 1 && rows[0]?.integrity_check === 'ok'
}

/**
 * Opens the cache after checking it whole. The cache holds only what servers said, so a damaged
 * file is moved aside (kept for a bug report) and a fresh one is synced again; the accounts and
 * the job outbox live in another file and are never touched here.
 */
export function openCacheChecked(
  file: string,
  options: OpenOptions = {},
  now = Date.now()
): OpenedCache {
  let reason: string
  try {
    const db = openDatabase(file, options)
    if (healthy(db)) return { db, recoveredFrom: null, damage: null }
    db.close()
    reason = 'integrity check failed'
  } catch (error) {
    reason = (error as Error).message
  }
  const aside = `${file}.damaged-${now}`
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  return { db: openDatabase(file, options), recoveredFrom: aside, damage: reason }
}
