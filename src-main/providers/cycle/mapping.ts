import type { RecordsByKind } from '../../cache/records'
import type { Named } from './api'
import {
  isSet,
  type CycleImage,
  type CycleJob,
  type CycleSource,
  type CycleTask,
  type JobDescriptor
} from './schemas'

/** What an image whose state omits `current` (as the API's own examples do) is shown as. */
export const UNKNOWN_STATE = 'unknown'

export const imageRecord = (i: CycleImage & Named): RecordsByKind['cycleImages'] => ({
  key: i.id,
  id: i.id,
  name: i.name,
  state: i.state.current ?? UNKNOWN_STATE,
  size: i.size,
  sourceId: i.source?.details.id ?? '',
  sourceType: i.source?.type ?? '',
  creator: i._berth?.creator ?? (i.creator ? `${i.creator.type} ${i.creator.id}` : ''),
  containers: i.meta?.containers_count?.total ?? 0,
  createdAt: i.events.created ?? '',
  error: i.state.error?.message ?? null,
  raw: i
})

export const sourceRecord = (s: CycleSource): RecordsByKind['cycleSources'] => ({
  key: s.id,
  id: s.id,
  name: s.name || s.id,
  type: s.type,
  origin: s.origin.type,
  state: s.state.current,
  images: s.meta?.images_count?.total ?? 0,
  raw: s
})

const stamp = (t: string | undefined | null): string | null => (isSet(t) ? t : null)

/**
 * A time the cache sorts and compares as text (a job's queued and completed columns): Cycle
 * writes RFC 3339 with as many fraction digits as it has ("…31.5Z", "…31.516Z"), which as text
 * put "…31.5Z" after "…31.516Z". Rewritten with exactly three, in UTC, text order is time order.
 * What Cycle sent stays in the raw document.
 */
export function sortableStamp(t: string | undefined | null): string | null {
  const set = stamp(t)
  if (set === null) return null
  const ms = Date.parse(set)
  return Number.isNaN(ms) ? set : new Date(ms).toISOString()
}

const task = (t: CycleTask) => ({
  caption: t.caption,
  header: t.header,
  state: t.state.current,
  error: t.error?.message ?? null,
  input: t.input ?? {},
  steps: (t.steps ?? []).map((s) => ({
    caption: s.caption,
    description: s.description ?? '',
    started: stamp(s.started),
    completed: stamp(s.completed)
  }))
})

/**
 * Finished steps over all steps, as Cycle's own client counts them: a task without steps counts
 * as one step, done when the task completed; a pending task has done nothing yet.
 */
export function jobProgress(job: CycleJob): number {
  let total = 0
  let done = 0
  for (const t of job.tasks) {
    const steps = t.steps ?? []
    if (steps.length === 0) {
      total += 1
      if (t.state.current === 'completed') done += 1
      continue
    }
    total += steps.length
    if (t.state.current === 'pending') continue
    done += steps.filter((s) => isSet(s.completed)).length
  }
  return total === 0 ? 0 : done / total
}

/** What a job's descriptor says that the job itself does not: kept beside the job's document. */
export type DescriptorFacts = Pick<
  NonNullable<JobDescriptor['job']>,
  'accepted' | 'queue' | 'schedule' | 'parallel'
>

export const descriptorFacts = (d: JobDescriptor): DescriptorFacts | undefined =>
  d.job
    ? {
        accepted: d.job.accepted,
        queue: d.job.queue,
        schedule: d.job.schedule,
        parallel: d.job.parallel
      }
    : undefined

export const jobRecord = (
  j: CycleJob & Named,
  descriptor?: DescriptorFacts
): RecordsByKind['cycleJobs'] => ({
  key: j.id,
  id: j.id,
  caption: j.caption,
  queue: j.queue,
  state: j.state.current,
  error: j.state.error?.message ?? null,
  queuedAt: sortableStamp(j.events.queued),
  completedAt: sortableStamp(j.events.completed),
  progress: jobProgress(j),
  tasksJson: JSON.stringify(j.tasks.map(task)),
  raw: descriptor ? { ...j, _berth: { creator: '', ...j._berth, descriptor } } : j
})

export const FINISHED_JOB_STATES = new Set(['completed', 'error', 'expired'])
