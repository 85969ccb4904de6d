// The Cycle images state filter offers "failed": an image with an error that no import is working
// on, whatever Cycle's state word (the contract's cycle-image-look.ts), read through the partial
// index of images with an error (migration 10) rather than a walk over every image of the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CYCLE_IMAGE_WORKING_STATES, FAILED_IMAGE_STATE } from '@contract'
import { upsertAccount } from '../../src-main/cache/accounts'
import { listCycleImages } from '../../src-main/cache/cycle-queries'
import { openDatabase, type Db } from '../../src-main/cache/db'
import type { CycleImageRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { cycleImageLook } from '../../src-renderer/lib/state-tone'
import { tempDir } from '../support/temp-dir'

const hex = (i: number) => i.toString(16).padStart(24, '0')
const STATES = ['new', 'live', 'building', 'deleted', 'downloading']

/** 20,000 images; every 97th has an error, some while an import is at work on it again. */
const images: CycleImageRecord[] = Array.from({ length: 20_000 }, (_, i) => ({
  key: hex(i),
  id: hex(i),
  name: `image-${i}`,
  state: STATES[i % STATES.length]!,
  size: i,
  sourceId: hex(900_000 + (i % 7)),
  sourceType: 'direct',
  creator: 'c',
  containers: 0,
  createdAt: '2026-01-01T00:00:00Z',
  error: i % 97 === 0 ? `build ${i} failed` : i % 89 === 0 ? '' : null,
  raw: {}
}))
const failed = images.filter((image) => cycleImageLook(image.state, image.error).word === 'failed')

describe('failed Cycle images, from the cache', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  beforeAll(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    upsertAccount(db, { id: 'c', kind: 'cycle', name: 'C', endpoint: 'https://c' })
    replaceSet(db, 'c', 'cycleImages', images)
  })
  afterAll(() => {
    db.close()
    dir.remove()
  })

  it('lists exactly the images the screen calls failed, in every order and with a source', () => {
    expect(failed.length).toBeGreaterThan(100)
    const page = listCycleImages(db, { state: FAILED_IMAGE_STATE, offset: 0, limit: 500 })
    expect(page.total).toBe(failed.length)
    expect(page.items.map((r) => r.id).sort()).toEqual(failed.map((r) => r.id).sort())
    for (const row of page.items) expect(cycleImageLook(row.state, row.error).word).toBe('failed')

    const source = hex(900_003)
    const bySource = listCycleImages(db, {
      state: FAILED_IMAGE_STATE,
      sourceId: source,
      sort: { field: 'size', dir: 'desc' },
      offset: 0,
      limit: 20
    })
    const expected = failed.filter((r) => r.sourceId === source).sort((a, b) => b.size - a.size)
    expect(bySource.total).toBe(expected.length)
    expect(bySource.items.map((r) => r.size)).toEqual(expected.slice(0, 20).map((r) => r.size))

    const searched = listCycleImages(db, {
      state: FAILED_IMAGE_STATE,
      search: 'image-19',
      offset: 0,
      limit: 500
    })
    expect(searched.items.map((r) => r.name).sort()).toEqual(
      failed
        .filter((r) => r.name.includes('image-19'))
        .map((r) => r.name)
        .sort()
    )
  })

  it('agrees with the screen on which states are at work', () => {
    for (const state of CYCLE_IMAGE_WORKING_STATES) {
      expect(cycleImageLook(state, 'an earlier error').word).toBe(state)
    }
  })

  it('reads the failed images through their own index, not every image', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT t.key FROM cycle_images t
         WHERE t.error IS NOT NULL AND t.error <> '' AND t.state NOT IN ('building')`
      )
      .all() as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join('\n')).toContain('cycle_images_failed')
  })
})
