// A set arriving in parts (Cycle pages, a large qbo reply's first fill) waits in a temp table of
// the writer's connection (cache/staged-rows.ts), not in the heap: while it is open its rows are
// there, once committed or aborted nothing is left behind, and a first fill with one statement
// writes what row by row writing gave (the last of duplicate keys wins).
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src-main/cache/db'
import type { CycleImageRecord } from '../../src-main/cache/records'
import { BULK_ROWS } from '../../src-main/cache/set-write'
import { replaceSet } from '../../src-main/cache/writes'
import { SyncApplier } from '../../src-main/sync/apply'
import { useCachePair } from '../support/cache-pair'

const image = (i: number, name = `image ${i}`): CycleImageRecord => ({
  key: `img-${(i * 7919) % 5003}-${i % 2000}`,
  id: `img-${i}`,
  name,
  state: 'ready',
  size: i,
  sourceId: 's1',
  sourceType: 'docker-hub',
  creator: 'u1',
  containers: 0,
  createdAt: '2024-01-01T00:00:00Z',
  error: null,
  raw: { id: `img-${i}`, name }
})

const tempTables = (db: Db): unknown[] =>
  db.prepare(`SELECT name FROM sqlite_temp_master WHERE type = 'table'`).pluck().all()
const rows = (db: Db) =>
  db.prepare('SELECT key, name, raw, hash FROM cycle_images ORDER BY key').raw().all()

describe('sets staged in the writer connection', () => {
  const caches = useCachePair('cycle')

  it('keeps an open set in a temp table and leaves none behind', () => {
    const applier = new SyncApplier(caches.db)
    applier.apply({ op: 'setBegin', set: 1, accountId: 'a', kind: 'cycleImages' })
    applier.apply({ op: 'setAdd', set: 1, records: [image(1), image(2)] as never[] })
    const [table] = tempTables(caches.db) as string[]
    expect(caches.db.prepare(`SELECT COUNT(*) FROM temp.${table}`).pluck().get()).toBe(2)
    applier.apply({ op: 'setCommit', set: 1, now: 5 })
    expect(tempTables(caches.db)).toEqual([])

    applier.apply({ op: 'setBegin', set: 2, accountId: 'a', kind: 'cycleImages' })
    applier.apply({ op: 'setAdd', set: 2, records: [image(3)] as never[] })
    applier.apply({ op: 'setAbort', set: 2 })
    expect(tempTables(caches.db)).toEqual([])
    expect(rows(caches.db).map((r) => (r as unknown[])[0])).toEqual(
      [image(1).key, image(2).key].sort()
    )
    applier.close()
  })

  it('writes a first fill as row by row writing does, the last of a key winning', () => {
    // More than a bulk load's threshold, every key twice: the second copy is the one kept.
    const first = Array.from({ length: BULK_ROWS + 500 }, (_, i) => image(i))
    const records = [...first, ...first.map((r, i) => image(i, `renamed ${r.id}`))]
    const applier = new SyncApplier(caches.db)
    applier.apply({ op: 'setBegin', set: 1, accountId: 'a', kind: 'cycleImages' })
    for (let i = 0; i < records.length; i += 100) {
      applier.apply({ op: 'setAdd', set: 1, records: records.slice(i, i + 100) as never[] })
    }
    const { summary } = applier.apply({ op: 'setCommit', set: 1, now: 5 })
    applier.close()
    const keys = new Set(records.map((r) => r.key)).size
    expect(summary.inserted).toBe(keys)
    // Row by row, one key at a time (no bulk load), the last copy of each key.
    const last = new Map(records.map((r) => [r.key, r]))
    replaceSet(caches.reference, 'a', 'cycleImages', [...last.values()].slice(0, 100), 5)
    replaceSet(caches.reference, 'a', 'cycleImages', [...last.values()], 5)
    expect(rows(caches.db)).toEqual(rows(caches.reference))
    expect(rows(caches.db).every((r) => String((r as unknown[])[1]).startsWith('renamed'))).toBe(
      true
    )
  })
})
