// A set sent page by page (Cycle lists) is made rows as each page arrives and written at commit
// (sync/apply.ts): what lands in the cache, and what the write reports, must be what writing the
// records whole gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase, type Db } from '../../src-main/cache/db'
import type { CycleImageRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { SyncApplier } from '../../src-main/sync/apply'
import { tempDir } from '../support/temp-dir'

const image = (i: number, state = 'ready'): CycleImageRecord => ({
  key: `img-${(i * 7919) % 3001}-${i}`,
  id: `img-${i}`,
  name: `worker ${i % 17}`,
  state,
  size: i * 1024,
  sourceId: `s${i % 3}`,
  sourceType: 'docker-hub',
  creator: 'u1',
  containers: i % 4,
  createdAt: '2024-01-01T00:00:00Z',
  error: null,
  raw: { id: `img-${i}`, state: { current: state }, config: { env: { N: String(i) } } }
})

const rowsOf = (db: Db) =>
  db
    .prepare('SELECT key, name, state, source_id, raw, hash FROM cycle_images ORDER BY key')
    .raw()
    .all()

describe('sets written page by page', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  let reference: Db

  beforeEach(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    reference = openDatabase(`${dir.path}/reference.sqlite`)
    for (const d of [db, reference]) {
      upsertAccount(d, { id: 'a', kind: 'cycle', name: 'a', endpoint: 'http://a' })
    }
  })
  afterEach(() => {
    db.close()
    reference.close()
    dir.remove()
  })

  /** Sends `records` as a set in pages of 100; returns each answer. */
  const sendSet = (applier: SyncApplier, set: number, records: CycleImageRecord[], now: number) => {
    applier.apply({ op: 'setBegin', set, accountId: 'a', kind: 'cycleImages' })
    const added: number[] = []
    for (let i = 0; i < records.length; i += 100) {
      const page = records.slice(i, i + 100)
      added.push(applier.apply({ op: 'setAdd', set, records: page as never[] }).rows)
    }
    return { added, committed: applier.apply({ op: 'setCommit', set, now }) }
  }

  it('writes and reports what replacing the set whole does, first fill and refresh alike', () => {
    const applier = new SyncApplier(db)
    const first = Array.from({ length: 2345 }, (_, i) => image(i))
    const { added, committed } = sendSet(applier, 1, first, 1)
    // Each page answers the rows it gave, not the set so far: the worker reads a large count
    // as a large write just done, and collects its garbage after it.
    expect(added).toEqual([...Array.from({ length: 23 }, () => 100), 45])
    expect(committed.rows).toBe(first.length)
    expect(committed.summary.inserted).toBe(first.length)
    replaceSet(reference, 'a', 'cycleImages', first, 1)
    expect(rowsOf(db)).toEqual(rowsOf(reference))

    const next = first.slice(5).map((r, i) => (i === 7 ? image(12, 'deleting') : r))
    const again = sendSet(applier, 2, next, 2).committed.summary
    expect(again).toEqual(replaceSet(reference, 'a', 'cycleImages', next, 2))
    expect(again.changed).toEqual([
      {
        key: image(12).key,
        before: { state: 'ready', name: image(12).name, id: image(12).id },
        after: { state: 'deleting', name: image(12).name, id: image(12).id }
      }
    ])
    expect(again.gone.map((g) => g.key)).toEqual(
      first
        .slice(0, 5)
        .map((r) => r.key)
        .sort()
    )
    expect(rowsOf(db)).toEqual(rowsOf(reference))
  })
})
