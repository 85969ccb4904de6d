import type { Db } from './db'
import { tables } from './records'

/**
 * Empties everything the servers said (rows, sync times, build logs) but keeps the account rows
 * the cache is keyed by; what the user made lives in the state file and is never touched here.
 */
export function clearCache(db: Db): void {
  const names = [
    ...new Set(Object.values(tables).map((t) => t.table)),
    'sync_state',
    'cycle_build_logs'
  ]
  db.transaction(() => {
    for (const name of names) db.prepare(`DELETE FROM ${name}`).run()
  })()
  // Give the space back: a cleared cache of 100,000 nodes should not stay 100 MB on disk.
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.exec('VACUUM')
}
