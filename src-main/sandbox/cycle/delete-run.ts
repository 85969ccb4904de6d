import type { Random } from '../qbo/random'
import { iso, objectId } from './ids'
import { advance, finish, imagesQueue, newJob } from './job-factory'
import { containersOf, isGone } from './model'
import type { Change, CreatorScope, CycleState, Image, ImageSource, JobRun } from './types'

/** Cycle prunes only images unused for at least this long. */
export const PRUNE_MIN_AGE_MS = 15 * 60_000

type Target = { kind: 'image'; item: Image } | { kind: 'source'; item: ImageSource }

export interface DeletionSpec {
  caption: string
  header: string
  input: Record<string, unknown>
  /** Picked when the job starts, not when it is accepted (as prune does on the platform). */
  select: (now: number) => Target[]
  creator: CreatorScope
  now: number
  rand: Random
}

function setState(target: Target, current: 'deleting' | 'deleted', at: string): Change {
  const { item } = target
  item.state = { current, changed: at }
  if (current === 'deleted') item.events.deleted = at
  const topic = target.kind === 'image' ? 'image.state.changed' : 'image.source.state.changed'
  return { topic, id: item.id, state: current }
}

/**
 * A one-step job that marks its targets `deleting` when it starts and `deleted` when it ends;
 * deleted resources then vanish from lists and answer 404.
 */
export function startDeletion(state: CycleState, spec: DeletionSpec): JobRun {
  const job = newJob({
    id: objectId(spec.now, spec.rand),
    taskId: objectId(spec.now, spec.rand),
    hubId: state.hub.id,
    queue: imagesQueue(state.hub.id),
    caption: spec.caption,
    header: spec.header,
    input: spec.input,
    steps: [['Deleting', 'Removing the resources and their stored data.']],
    creator: spec.creator,
    now: spec.now
  })
  state.jobs.push(job)
  let targets: Target[] = []
  const run: JobRun = {
    job,
    done: false,
    tick(now) {
      if (run.done) return []
      const at = iso(now)
      const changes: Change[] = []
      if (job.state.current === 'queued') {
        targets = spec.select(now).filter((t) => !isGone(t.item))
        advance(job, now)
        changes.push({ topic: 'job.state.changed', id: job.id, state: 'running' })
        for (const target of targets) changes.push(setState(target, 'deleting', at))
        return changes
      }
      advance(job, now)
      for (const target of targets) changes.push(setState(target, 'deleted', at))
      finish(job, now)
      changes.push({ topic: 'job.state.changed', id: job.id, state: 'completed' })
      run.done = true
      return changes
    }
  }
  return run
}

/** Prune's rule: images of those sources, used by no container, older than 15 minutes. */
export function pruneTargets(state: CycleState, sourceIds: readonly string[], now: number) {
  const wanted = new Set(sourceIds)
  return state.images
    .filter(
      (image) =>
        wanted.has(image.source.details.id) &&
        (image.state.current === 'live' || image.state.current === 'new') &&
        containersOf(state, image.id).total === 0 &&
        Date.parse(image.events.created) <= now - PRUNE_MIN_AGE_MS
    )
    .map((item): Target => ({ kind: 'image', item }))
}
