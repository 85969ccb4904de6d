// What keeping each image's state history (migration 7's triggers) costs a Cycle sync: a first
// fill of 10,000 images and a refresh where every image changed state, with and without the
// triggers, in-process. `npx vitest bench --run --project bench bench/cycle-image-states.bench.ts`
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { upsertAccount } from '../src-main/cache/accounts'
import { openDatabase, type Db } from '../src-main/cache/db'
import type { CycleImageRecord } from '../src-main/cache/records'
import { replaceSet } from '../src-main/cache/writes'

const ROWS = 10_000
const TRIGGERS = ['cycle_images_state_seen', 'cycle_images_state_changed']

const images = (state: string, changed: string): CycleImageRecord[] =>
  Array.from({ length: ROWS }, (_, i) => {
    const id = i.toString(16).padStart(24, '0')
    return {
      key: id,
      id,
      name: `image-${i}`,
      state,
      size: 1000 + i,
      sourceId: `s${i % 50}`,
      sourceType: 'direct',
      creator: 'Ada Lovelace',
      containers: i % 3,
      createdAt: '2026-01-01T00:00:00Z',
      error: null,
      raw: { id, name: `image-${i}`, state: { current: state, changed }, events: {} }
    }
  })
const fresh = images('new', '2026-01-01T00:00:00Z')
const moved = images('live', '2026-01-02T00:00:00Z')

function database(keepHistory: boolean): Db {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'berth-bench-')), 'cache.sqlite'))
  upsertAccount(db, { id: 'a', kind: 'cycle', name: 'A', endpoint: 'http://a' })
  if (!keepHistory) for (const t of TRIGGERS) db.exec(`DROP TRIGGER ${t}`)
  return db
}

for (const keepHistory of [false, true]) {
  describe(`10,000 Cycle images, ${keepHistory ? 'with' : 'without'} the state history`, () => {
    const db = database(keepHistory)
    bench('first fill, then every image moves on', () => {
      db.prepare('DELETE FROM cycle_images').run()
      replaceSet(db, 'a', 'cycleImages', fresh)
      replaceSet(db, 'a', 'cycleImages', moved)
    })
  })
}
