// Cycle list filters at scale (issue 13, item 9): 50,000 images filtered by state and by source,
// 50,000 hub jobs by state, a page deep into each, answered from the cache through the indexes
// that already exist. `npx vitest bench --run --project bench bench/cycle-filters.bench.ts`
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { upsertAccount } from '../src-main/cache/accounts'
import { listCycleImages, listCycleJobs, listCycleSources } from '../src-main/cache/cycle-queries'
import { openDatabase } from '../src-main/cache/db'
import type { CycleImageRecord, CycleJobRecord } from '../src-main/cache/records'
import { replaceSet } from '../src-main/cache/writes'

const ROWS = 50_000
const STATES = ['new', 'live', 'live', 'live', 'deleted']
const JOB_STATES = ['completed', 'completed', 'error', 'running', 'queued']
const hex = (i: number) => i.toString(16).padStart(24, '0')

const images: CycleImageRecord[] = Array.from({ length: ROWS }, (_, i) => ({
  key: hex(i),
  id: hex(i),
  name: `image-${i}`,
  state: STATES[i % STATES.length]!,
  size: 1000 + i,
  sourceId: `s${i % 50}`,
  sourceType: 'direct',
  creator: 'Ada Lovelace',
  containers: i % 3,
  createdAt: '2026-01-01T00:00:00Z',
  error: null,
  raw: { id: hex(i) }
}))
const jobs: (CycleJobRecord & { raw: unknown })[] = Array.from({ length: ROWS }, (_, i) => ({
  key: hex(i),
  id: hex(i),
  caption: 'Import Image',
  queue: 'q',
  state: JOB_STATES[i % JOB_STATES.length]!,
  error: null,
  queuedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  completedAt: null,
  progress: 1,
  tasksJson: '[]',
  raw: { id: hex(i) }
}))

const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'berth-bench-')), 'cache.sqlite'))
upsertAccount(db, { id: 'a', kind: 'cycle', name: 'A', endpoint: 'http://a' })
replaceSet(db, 'a', 'cycleImages', images)
replaceSet(db, 'a', 'cycleJobs', jobs)
replaceSet(
  db,
  'a',
  'cycleSources',
  Array.from({ length: 50 }, (_, i) => ({
    key: `s${i}`,
    id: `s${i}`,
    name: `source-${i}`,
    type: 'direct',
    origin: i % 2 ? 'docker-hub' : 'docker-file',
    state: 'live',
    images: 1000,
    raw: { id: `s${i}` }
  }))
)
const page = { offset: 0, limit: 100 }
const deep = { offset: 5_000, limit: 100 }

describe('50,000 Cycle images and jobs, filtered', () => {
  bench('images: no filter, first page', () => void listCycleImages(db, { ...page }))
  bench(
    'images: state=live, first page',
    () => void listCycleImages(db, { ...page, state: 'live' })
  )
  bench(
    'images: state=live, page at 5,000',
    () => void listCycleImages(db, { ...deep, state: 'live' })
  )
  bench(
    'images: state=live + source, first page',
    () => void listCycleImages(db, { ...page, state: 'live', sourceId: 's7' })
  )
  bench(
    'images: state=new sorted by size, page at 5,000',
    () => void listCycleImages(db, { ...deep, state: 'new', sort: { field: 'size', dir: 'desc' } })
  )
  bench('jobs: no filter, first page', () => void listCycleJobs(db, { ...page }))
  bench(
    'jobs: state=completed, first page',
    () => void listCycleJobs(db, { ...page, state: 'completed' })
  )
  bench(
    'jobs: state=completed, page at 5,000',
    () => void listCycleJobs(db, { ...deep, state: 'completed' })
  )
  bench(
    'sources: origin=docker-file',
    () => void listCycleSources(db, { ...page, origin: 'docker-file' })
  )
})
