// Cycle images (every sort, the state and source filters, search that reaches the source's
// name) and jobs (newest first by default), against a naive reference over the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CycleImageQuery, CycleImageSortField, CycleJobQuery, CycleJobSortField } from '@contract'
import { upsertAccount } from '../../src-main/cache/accounts'
import { cycleImage, listCycleImages, listCycleJobs } from '../../src-main/cache/cycle-queries'
import { openDatabase, type Db } from '../../src-main/cache/db'
import type {
  CycleImageRecord,
  CycleJobRecord,
  CycleSourceRecord
} from '../../src-main/cache/records'
import { patchRows, removeRows, replaceSet } from '../../src-main/cache/writes'
import { offsetsFor, referencePage } from '../support/list-reference'
import { tempDir } from '../support/temp-dir'

const hex = (i: number, width = 24) => i.toString(16).padStart(width, '0')

const sources: CycleSourceRecord[] = Array.from({ length: 12 }, (_, i) => ({
  key: hex(1000 + i),
  id: hex(1000 + i),
  name: i % 4 ? `source-${i}` : `Builder ${i}`,
  type: 'docker-hub',
  origin: `repo/app${i}`,
  state: 'live',
  images: 0,
  raw: {}
}))

const image = (i: number, state?: string): CycleImageRecord => ({
  key: hex(i),
  id: hex(i),
  name: `app${i % 50}:v${i % 9}`,
  state: state ?? ['live', 'live', 'deleted', 'building'][(i * 7) % 4]!,
  size: (i * 104_729) % 5000,
  sourceId: sources[i % sources.length]!.key,
  sourceType: 'docker-hub',
  creator: 'account',
  containers: i % 6,
  createdAt: `2026-0${1 + (i % 9)}-01T00:00:00Z`,
  error: null,
  raw: { i }
})

const imageColumn: Record<CycleImageSortField, string> = {
  name: 'name',
  state: 'state',
  size: 'size',
  createdAt: 'createdAt',
  containers: 'containers'
}

describe('cycleImages.list and cycleJobs.list against a reference', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  let images = Array.from({ length: 5000 }, (_, i) => image(i))
  const sourceName = new Map(sources.map((s) => [s.key, s.name]))
  const withSource = () =>
    images.map((m) => ({ ...m, accountId: 'c', sourceName: sourceName.get(m.sourceId) ?? '' }))
  const jobs: CycleJobRecord[] = Array.from({ length: 400 }, (_, i) => ({
    key: hex(i),
    id: hex(i),
    caption: `Import image ${i % 30}`,
    queue: 'q',
    state: i % 3 ? 'completed' : 'running',
    error: null,
    // Some jobs have not been queued yet: they sort before all others ascending.
    queuedAt: i % 17 ? `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z` : null,
    completedAt: null,
    progress: 1,
    tasksJson: '[]',
    raw: {}
  }))

  beforeAll(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    upsertAccount(db, { id: 'c', kind: 'cycle', name: 'C', endpoint: 'https://c' })
    replaceSet(db, 'c', 'cycleSources', sources)
    replaceSet(db, 'c', 'cycleImages', images)
    replaceSet(db, 'c', 'cycleJobs', jobs)
  })
  afterAll(() => {
    db.close()
    dir.remove()
  })

  function expectImages(filter: { state?: string; sourceId?: string }, search?: string) {
    const rows = withSource()
    for (const field of CycleImageSortField) {
      for (const dir of ['asc', 'desc'] as const) {
        const all = referencePage(rows, {
          where: filter,
          search,
          searched: ['name', 'id', 'state', 'sourceName'],
          order: [imageColumn[field], 'name', 'key', 'accountId'],
          dir,
          offset: 0,
          limit: rows.length
        })
        for (const offset of offsetsFor(all.total, 40)) {
          const page = listCycleImages(
            db,
            CycleImageQuery.parse({ ...filter, search, sort: { field, dir }, offset, limit: 40 })
          )
          expect(page.total, `${field} ${dir} ${JSON.stringify(filter)} ${search}`).toBe(all.total)
          expect(page.items.map((m) => m.id)).toEqual(
            all.items.slice(offset, offset + 40).map((m) => m.id)
          )
        }
      }
    }
  }

  it('pages every image sort at every offset, filtered by state and source or not', () => {
    for (const filter of [
      {},
      { state: 'live' },
      { state: 'building' },
      { sourceId: sources[3]!.key }
    ])
      expectImages(filter)
    expectImages({ state: 'deleted', sourceId: sources[5]!.key })
  })

  it('searches image names, ids and states through the index, and source names too', () => {
    for (const search of [
      'app1',
      'building',
      hex(77).slice(-5),
      'builder',
      'source-1',
      'v8',
      'zzz'
    ])
      expectImages({}, search)
    expectImages({ state: 'live' }, 'app2')
  })

  it('stays right for images changed since the index last caught up', () => {
    patchRows(db, 'c', 'cycleImages', [image(3, 'building'), { ...image(9000), name: 'fresh:v1' }])
    removeRows(db, 'c', 'cycleImages', [hex(4), hex(9)])
    images = [
      ...images.filter((m) => m.key !== hex(4) && m.key !== hex(9) && m.key !== hex(3)),
      image(3, 'building'),
      { ...image(9000), name: 'fresh:v1' }
    ]
    for (const search of ['fresh', 'building', 'app4:']) expectImages({}, search)
    expectImages({ state: 'building' })
    expect(cycleImage(db, 'c', hex(9000))?.row.name).toBe('fresh:v1')
    expect(cycleImage(db, 'c', hex(4))).toBeNull()
  })

  it('lists jobs newest first unless asked otherwise, and sorts and searches them', () => {
    const jobRows = jobs.map((j) => ({ ...j, accountId: 'c' }))
    const column: Record<CycleJobSortField, string> = {
      queuedAt: 'queuedAt',
      caption: 'caption',
      state: 'state'
    }
    const tiebreak = ['queuedAt', 'key', 'accountId']
    const cases = [
      { sort: undefined, dir: 'desc' as const, search: undefined },
      ...CycleJobSortField.flatMap((field) =>
        (['asc', 'desc'] as const).map((dir) => ({ sort: { field, dir }, dir, search: undefined }))
      ),
      {
        sort: { field: 'caption' as const, dir: 'asc' as const },
        dir: 'asc' as const,
        search: 'image 2'
      },
      { sort: undefined, dir: 'desc' as const, search: 'running' }
    ]
    for (const c of cases) {
      const order = c.sort ? [column[c.sort.field], ...tiebreak] : tiebreak
      const ref = (offset: number) =>
        referencePage(jobRows, {
          search: c.search,
          searched: ['caption', 'id', 'state'],
          order,
          dir: c.dir,
          offset,
          limit: 30
        })
      for (const offset of offsetsFor(ref(0).total, 30)) {
        const page = listCycleJobs(
          db,
          CycleJobQuery.parse({ sort: c.sort, search: c.search, offset, limit: 30 })
        )
        expect(page.total).toBe(ref(offset).total)
        expect(page.items.map((j) => j.id)).toEqual(ref(offset).items.map((j) => j.id))
      }
    }
  })
})
