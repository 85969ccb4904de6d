import type {
  BuildLogView,
  CycleImageRow,
  CycleImageSortField,
  CycleJobRow,
  CycleJobSortField,
  CycleSourceRow,
  CycleSourceSortField,
  MethodParsedInput,
  Page
} from '@contract'
import { FAILED_IMAGE_SQL, FAILED_IMAGE_STATE } from '@contract'
import type { Db } from './db'
import { confirmedAtSql, natural, naturalComputed } from './list-sql'
import { jobDescriptorFields } from './cycle-job-fields'
import { listPage, type ListSpec } from './list-page'
import { listThroughIndex } from './list-through-index'

const imageSpec: ListSpec<CycleImageSortField> = {
  resource: 'cycleImages',
  select: `t.account_id AS accountId, t.id, t.name, t.state, t.size, t.source_id AS sourceId,
           COALESCE(s.name, '') AS sourceName, t.source_type AS sourceType, t.creator,
           t.containers, t.created_at AS createdAt, t.error, ${confirmedAtSql('cycleImages')}`,
  from: `cycle_images t LEFT JOIN cycle_sources s
           ON s.account_id = t.account_id AND s.key = t.source_id`,
  table: 'cycle_images',
  key: 'key',
  sortable: {
    name: natural('t.name'),
    state: 't.state',
    size: 't.size',
    createdAt: 't.created_at',
    containers: 't.containers'
  },
  searchable: ['t.name', 't.id', 't.state', 's.name'],
  tiebreak: [natural('t.name'), 't.key', 't.account_id'],
  large: {
    indexes: {
      '': 'cycle_images_name',
      name: 'cycle_images_name',
      state: 'cycle_images_state',
      size: 'cycle_images_size',
      createdAt: 'cycle_images_created',
      containers: 'cycle_images_containers'
    },
    counted: { f1: 'source_id', f2: 'state' },
    indexed: ['t.name', 't.id', 't.state'],
    // The source's name is searched too: its images are found through their source.
    alsoMatching: `SELECT i.account_id, i.key FROM cycle_sources s
                   JOIN cycle_images i ON i.account_id = s.account_id AND i.source_id = s.key
                   WHERE s.name LIKE ? ESCAPE '\\'`
  }
}

const sourceSpec: ListSpec<CycleSourceSortField> = {
  resource: 'cycleSources',
  select: `t.account_id AS accountId, t.id, t.name, t.type, t.origin, t.state, t.images,
           COALESCE(json_extract(t.raw, '$._berth.creator'), '') AS creator,
           ${confirmedAtSql('cycleSources')}`,
  from: 'cycle_sources t',
  table: 'cycle_sources',
  key: 'key',
  sortable: {
    name: naturalComputed('t.name'),
    type: 't.type',
    state: 't.state',
    images: 't.images'
  },
  searchable: ['t.name', 't.id', 't.origin'],
  tiebreak: [naturalComputed('t.name'), 't.key', 't.account_id']
}

const jobSpec: ListSpec<CycleJobSortField> = {
  resource: 'cycleJobs',
  select: `t.account_id AS accountId, t.id, t.caption, t.queue, t.state, t.error,
           t.queued_at AS queuedAt, t.completed_at AS completedAt, t.progress, t.tasks,
           COALESCE(json_extract(t.raw, '$._berth.creator'), '') AS creator,
           json_extract(t.raw, '$.schedule') AS schedule,
           json_extract(t.raw, '$._berth.descriptor') AS descriptor,
           ${confirmedAtSql('cycleJobs')}`,
  from: 'cycle_jobs t',
  table: 'cycle_jobs',
  key: 'key',
  sortable: { queuedAt: 't.queued_at', caption: natural('t.caption'), state: 't.state' },
  searchable: ['t.caption', 't.id', 't.state'],
  tiebreak: ['t.queued_at', 't.key', 't.account_id'],
  defaultDir: 'desc',
  large: {
    indexes: {
      '': 'cycle_jobs_queued',
      queuedAt: 'cycle_jobs_queued',
      caption: 'cycle_jobs_caption',
      state: 'cycle_jobs_state'
    },
    counted: {},
    indexed: ['t.caption', 't.id', 't.state']
  },
  map: ({ tasks, descriptor, schedule, ...row }) => ({
    ...row,
    tasks: JSON.parse(tasks as string) as unknown,
    ...jobDescriptorFields(descriptor as string | null, schedule as string | null)
  })
}

/**
 * Images by source and state; "failed" is the state as Berth reads it (FAILED_IMAGE_SQL), found
 * through the partial index of images with an error (migration 10).
 */
export function listCycleImages(
  db: Db,
  q: MethodParsedInput<'cycleImages.list'>
): Page<CycleImageRow> {
  const failed = q.state === FAILED_IMAGE_STATE
  return listPage(db, imageSpec, {
    ...q,
    where: { 't.source_id': q.sourceId, 't.state': failed ? undefined : q.state },
    ...(failed ? { conditions: [FAILED_IMAGE_SQL] } : {})
  })
}

export const listCycleSources = (
  db: Db,
  q: MethodParsedInput<'cycleSources.list'>
): Page<CycleSourceRow> => listPage(db, sourceSpec, { ...q, where: { 't.origin': q.origin } })

export function listCycleJobs(db: Db, q: MethodParsedInput<'cycleJobs.list'>): Page<CycleJobRow> {
  const request = { ...q, where: { 't.state': q.state } }
  // Hub jobs keep no per-state counts: a state filter in queue order is counted and walked
  // through cycle_jobs_state (state, queued_at, key, account_id).
  const queueOrder = (q.sort?.field ?? 'queuedAt') === 'queuedAt'
  if (q.state !== undefined && !q.search?.trim() && queueOrder) {
    return listThroughIndex(db, jobSpec, request, 'cycle_jobs_state')
  }
  return listPage(db, jobSpec, request)
}

/** One cached image as its list row plus the raw document it came from. */
export function cycleImage(
  db: Db,
  accountId: string,
  imageId: string
): { row: CycleImageRow; raw: unknown } | null {
  const row = listPage<CycleImageRow, CycleImageSortField>(db, imageSpec, {
    accountId,
    offset: 0,
    limit: 1,
    where: { 't.key': imageId }
  }).items[0]
  if (!row) return null
  const raw = db
    .prepare('SELECT raw FROM cycle_images WHERE account_id = ? AND key = ?')
    .pluck()
    .get(accountId, imageId) as string
  return { row, raw: JSON.parse(raw) as unknown }
}

export const cycleSourceName = (db: Db, accountId: string, sourceId: string): string | undefined =>
  db
    .prepare('SELECT name FROM cycle_sources WHERE account_id = ? AND key = ?')
    .pluck()
    .get(accountId, sourceId) as string | undefined

export function cachedBuildLog(db: Db, accountId: string, imageId: string): BuildLogView {
  const row = db
    .prepare(
      'SELECT log, fetched_at, events FROM cycle_build_logs WHERE account_id = ? AND image_id = ?'
    )
    .get(accountId, imageId) as
    { log: string; fetched_at: number; events: string | null } | undefined
  return {
    imageId,
    log: row?.log ?? '',
    fetchedAt: row?.fetched_at ?? null,
    events: setEvents(row?.events ? (JSON.parse(row.events) as unknown) : null)
  }
}

/** A build log as the hub sent it: the text and its events (created, updated, deleted). */
export interface FetchedBuildLog {
  log: string
  events?: Record<string, unknown> | null
}

export function storeBuildLog(
  db: Db,
  accountId: string,
  imageId: string,
  fetched: string | FetchedBuildLog,
  now = Date.now()
): void {
  const { log, events } = typeof fetched === 'string' ? { log: fetched, events: null } : fetched
  db.prepare(
    `INSERT INTO cycle_build_logs (account_id, image_id, log, fetched_at, events) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, image_id) DO UPDATE SET log = excluded.log,
       fetched_at = excluded.fetched_at, events = excluded.events`
  ).run(accountId, imageId, log, now, events ? JSON.stringify(events) : null)
}

/** The events that happened: Go's zero time ("not yet") and anything not a time are left out. */
function setEvents(events: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!events || typeof events !== 'object') return out
  for (const [k, v] of Object.entries(events)) {
    if (typeof v === 'string' && v && !v.startsWith('0001-01-01')) out[k] = v
  }
  return out
}
