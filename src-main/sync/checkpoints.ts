import type { Db } from '../cache/db'

/**
 * The WAL file's size once a checkpoint has emptied it: larger files are cut back to this when
 * the next write starts it again (a large sync leaves hundreds of MB behind otherwise).
 */
export const WAL_KEPT_BYTES = 64 * 1024 * 1024

/**
 * How far the WAL may grow before the writer copies it back within a commit after all: a worker
 * that never ends (updates trickling in, never 5 s apart: cache-writer's IDLE_MS) must not grow
 * it forever.
 * Past what a first sync of 100k nodes, 100k pods and 50k images writes.
 */
export const WAL_BOUND_BYTES = 1024 * 1024 * 1024

/** SQLite's own default: a checkpoint once the WAL holds this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000

/**
 * Checkpoints wait for the sync worker to end instead of running on every commit. SQLite's
 * default copies the WAL back into the database at the end of any commit that leaves it past
 * 1000 pages, inside that commit: 160 ms of a 62.5k-node write, 50 ms of 10k images, on the
 * critical path of a sync. And on the serving connection, whose rare writes (settings, jobs)
 * would otherwise find a sync's whole WAL to copy and stall the UI's thread with it.
 *
 * The serving connection never checkpoints (`upToBytes` 0); the worker only past
 * WAL_BOUND_BYTES, and as it closes (`checkpointNow`).
 */
export function deferCheckpoints(db: Db, upToBytes = 0): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.pragma(`wal_autocheckpoint = ${Math.ceil(upToBytes / pageSize)}`)
  db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`)
}

/** Back to SQLite's default: a serving connection that writes syncs itself (no worker). */
export function checkpointOnCommit(db: Db): void {
  db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`)
}

/**
 * Copies the WAL into the database as far as readers allow (PASSIVE: a reader is never waited
 * for; what it still needs is copied by the next checkpoint).
 */
export function checkpointNow(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)')
}
