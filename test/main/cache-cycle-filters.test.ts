// Issue 13, item 9: hub jobs by state (walked through cycle_jobs_state in queue order, read
// through the whole match otherwise) and image sources by origin type (the API has no such
// filter), answered from the cache, against a naive reference over the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CycleJobQuery, CycleJobSortField, CycleSourceQuery } from '@contract'
import { upsertAccount } from '../../src-main/cache/accounts'
import { listCycleJobs, listCycleSources } from '../../src-main/cache/cycle-queries'
import { openDatabase, type Db } from '../../src-main/cache/db'
import type { CycleJobRecord, CycleSourceRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { offsetsFor, referencePage } from '../support/list-reference'
import { tempDir } from '../support/temp-dir'

const hex = (i: number) => i.toString(16).padStart(24, '0')
const ORIGINS = ['docker-hub', 'docker-file', 'docker-registry', 'cycle-upload', 'none']

describe('hub jobs by state and image sources by origin, from the cache', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  const jobs: CycleJobRecord[] = Array.from({ length: 600 }, (_, i) => ({
    key: hex(i),
    id: hex(i),
    caption: `Import image ${i % 30}`,
    queue: 'q',
    state: ['completed', 'running', 'error', 'completed'][i % 4]!,
    error: null,
    // Some jobs have not been queued yet, and many share a time: the tiebreak decides.
    queuedAt: i % 17 ? `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z` : null,
    completedAt: null,
    progress: 1,
    tasksJson: '[]',
    raw: {}
  }))
  const sources: CycleSourceRecord[] = Array.from({ length: 40 }, (_, i) => ({
    key: hex(5000 + i),
    id: hex(5000 + i),
    name: `source-${i}`,
    type: i % 3 ? 'direct' : 'stack-build',
    origin: ORIGINS[i % ORIGINS.length]!,
    state: 'live',
    images: i,
    raw: {}
  }))

  beforeAll(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    upsertAccount(db, { id: 'c', kind: 'cycle', name: 'C', endpoint: 'https://c' })
    replaceSet(db, 'c', 'cycleJobs', jobs)
    replaceSet(db, 'c', 'cycleSources', sources)
  })
  afterAll(() => {
    db.close()
    dir.remove()
  })

  it('pages hub jobs of one state in every order, with and without a search', () => {
    const rows = jobs.map((j) => ({ ...j, accountId: 'c' }))
    const tiebreak = ['queuedAt', 'key', 'accountId']
    const cases = [
      { sort: undefined, dir: 'desc' as const, search: undefined },
      ...CycleJobSortField.flatMap((field) =>
        (['asc', 'desc'] as const).map((dir) => ({ sort: { field, dir }, dir, search: undefined }))
      ),
      { sort: undefined, dir: 'desc' as const, search: 'image 2' }
    ]
    for (const state of ['completed', 'error', 'expired']) {
      for (const c of cases) {
        const order = c.sort ? [c.sort.field, ...tiebreak] : tiebreak
        const ref = (offset: number) =>
          referencePage(rows, {
            search: c.search,
            searched: ['caption', 'id', 'state'],
            where: { state },
            order,
            dir: c.dir,
            offset,
            limit: 25
          })
        for (const offset of offsetsFor(ref(0).total, 25)) {
          const input = { sort: c.sort, search: c.search, state, offset, limit: 25 }
          const page = listCycleJobs(db, CycleJobQuery.parse(input))
          const want = ref(offset)
          expect(page.total, JSON.stringify(input)).toBe(want.total)
          expect(page.items.map((j) => j.id)).toEqual(want.items.map((j) => j.id))
          expect(page.asOf).not.toBeNull()
        }
      }
    }
  })

  it('lists the image sources of one origin type, and all of them without one', () => {
    for (const origin of ORIGINS) {
      const page = listCycleSources(db, CycleSourceQuery.parse({ origin, limit: 500 }))
      expect(page.items.map((s) => s.id).sort()).toEqual(
        sources
          .filter((s) => s.origin === origin)
          .map((s) => s.id)
          .sort()
      )
      expect(page.total).toBe(sources.filter((s) => s.origin === origin).length)
    }
    expect(listCycleSources(db, CycleSourceQuery.parse({ limit: 500 })).total).toBe(40)
  })
})
