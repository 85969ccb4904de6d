// The sync worker's connection keeps small page caches (sync/writer-memory.ts): with SQLite's
// default in this build, writing 100k nodes grew the agent by ~100 MB of page cache and sort
// memory for no gain in speed. The serving connection keeps its own larger cache for reads.
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/cache/db'
import { tuneWriterConnection, WRITER_CACHE_KIB } from '../../src-main/sync/writer-memory'
import { tempDir } from '../support/temp-dir'

describe('the writer connection', () => {
  const dir = tempDir()
  afterEach(() => dir.remove())

  it('caches at most WRITER_CACHE_KIB for the file and for its temp tables', () => {
    const db = openDatabase(`${dir.path}/cache.sqlite`)
    const reader = openDatabase(`${dir.path}/cache.sqlite`)
    try {
      tuneWriterConnection(db)
      expect(db.pragma('cache_size', { simple: true })).toBe(-WRITER_CACHE_KIB)
      expect(db.pragma('temp.cache_size', { simple: true })).toBe(-WRITER_CACHE_KIB)
      // Another connection to the same file is not touched.
      expect(reader.pragma('cache_size', { simple: true })).not.toBe(-WRITER_CACHE_KIB)
    } finally {
      db.close()
      reader.close()
    }
  })
})
