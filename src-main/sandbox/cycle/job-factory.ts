import { createHash } from 'node:crypto'
import { iso, ZERO_TIME } from './ids'
import type { CreatorScope, Job, JobDescriptor, TaskStep } from './types'

/** Queue name as seen in Cycle's own job mocks: one image queue per hub. */
export const imagesQueue = (hubId: string) => `hub-${hubId}-images`

/** How long an unstarted job stays valid before Cycle marks it expired. */
const JOB_TTL_MS = 10 * 60_000

export interface JobSpec {
  id: string
  taskId: string
  hubId: string
  queue: string
  caption: string
  header: string
  input: Record<string, unknown>
  /** `[caption, description]` per step, or null for a task without steps. */
  steps: readonly (readonly [string, string])[] | null
  creator: CreatorScope
  now: number
}

/** A new job as Cycle shows it once accepted: queued, its one task pending, nothing started. */
export function newJob(spec: JobSpec): Job {
  const queued = iso(spec.now)
  const steps: TaskStep[] | null =
    spec.steps?.map(([caption, description]) => ({
      caption,
      description,
      started: ZERO_TIME,
      completed: ZERO_TIME
    })) ?? null
  const hash = createHash('sha256')
    .update(`${spec.header}:${JSON.stringify(spec.input)}`)
    .digest('hex')
  return {
    id: spec.id,
    hub_id: spec.hubId,
    queue: spec.queue,
    caption: spec.caption,
    events: { queued, started: ZERO_TIME, completed: ZERO_TIME },
    schedule: queued,
    expires: iso(spec.now + JOB_TTL_MS),
    tasks: [
      {
        id: spec.taskId,
        caption: spec.caption,
        header: spec.header,
        events: { queued, started: ZERO_TIME, completed: ZERO_TIME },
        steps,
        state: { current: 'pending', changed: queued },
        input: spec.input,
        output: null,
        error: null
      }
    ],
    hash,
    limit_duplicates: false,
    creator: spec.creator,
    state: { current: 'queued', changed: queued, error: null }
  }
}

/**
 * How a job may run beside others in its queue. Imports of different images may overlap while
 * those of one image may not: modelled as a sub-queue per image. The name is a guess; the spec
 * says only that `sub_queue` is a string or null.
 */
function parallelOf(job: Job): JobDescriptor['job']['parallel'] {
  const task = job.tasks[0]
  if (task?.header !== 'image.import' || typeof task.input.id !== 'string') {
    return { tasks: false, sub_queue: null }
  }
  return { tasks: false, sub_queue: `image-${task.input.id}` }
}

/** What an endpoint that starts a job answers: the action and the job as it was accepted. */
export function descriptorOf(job: Job, action: string): JobDescriptor {
  return {
    action,
    job: {
      id: job.id,
      accepted: true,
      queue: job.queue,
      schedule: job.schedule,
      parallel: parallelOf(job),
      tasks: job.tasks.map((task) => ({
        caption: task.caption,
        header: task.header,
        input: task.input,
        steps: task.steps === null ? null : task.steps.map((step) => ({ ...step }))
      }))
    }
  }
}

/** Index of the step that has started but not completed, or -1. */
export function runningStep(job: Job): number {
  const steps = job.tasks[0]?.steps ?? []
  return steps.findIndex((s) => s.started !== ZERO_TIME && s.completed === ZERO_TIME)
}

/**
 * Moves a job one tick along: starts it (step 0 begins) or completes the running step and
 * begins the next. Returns the index of the step now started, or -1 once every step is done
 * (the caller then finishes the job). Seed and live jobs share this so they look the same.
 */
export function advance(job: Job, now: number): number {
  const task = job.tasks[0]
  if (task === undefined) return -1
  const at = iso(now)
  if (job.state.current === 'queued') {
    job.state = { current: 'running', changed: at, error: null }
    job.events.started = at
    task.state = { current: 'running', changed: at }
    task.events.started = at
  }
  const steps = task.steps ?? []
  const running = runningStep(job)
  const current = steps[running]
  if (current !== undefined) current.completed = at
  const next = steps[running + 1]
  if (next === undefined || (running < 0 && steps.some((s) => s.completed !== ZERO_TIME))) {
    return -1
  }
  next.started = at
  return running + 1
}

/** Ends a job: completed, or error with the message on the job and its task. */
export function finish(job: Job, now: number, error?: string, output?: Record<string, string>) {
  const at = iso(now)
  job.state = {
    current: error === undefined ? 'completed' : 'error',
    changed: at,
    error: error === undefined ? null : { message: error }
  }
  job.events.completed = at
  for (const task of job.tasks) {
    task.state = { current: error === undefined ? 'completed' : 'error', changed: at }
    task.events.completed = at
    task.error = error === undefined ? null : { message: error }
    if (output !== undefined) task.output = output
  }
}
