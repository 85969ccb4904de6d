import type { Db } from '../cache/db'

/** The writer connection's page cache, for each of main and temp (KiB). */
export const WRITER_CACHE_KIB = 2048

/**
 * The worker's V8 limits: a small young generation, since what it allocates is short-lived (a
 * slice of a reply, a page of a list) and V8's default semi-spaces keep ~40 MB resident for it.
 */
export const WRITER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 } as const

/**
 * Small page caches for the writer's connection. SQLite's default in this build (16 MB for each
 * of main and temp, and sorts sized from it) grows the agent by ~100 MB while 100k nodes are
 * written, for no gain in speed: the same CPU time was measured with 2 MB each. Readers keep
 * their own, larger cache on their own connection.
 */
export function tuneWriterConnection(db: Db): void {
  db.pragma(`cache_size = -${WRITER_CACHE_KIB}`)
  db.pragma(`temp.cache_size = -${WRITER_CACHE_KIB}`)
}
