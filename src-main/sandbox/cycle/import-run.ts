import { hex } from '../qbo/random'
import type { Random } from '../qbo/random'
import { IMPORT_STEPS, imported, stepLog, targetOf } from './catalog'
import type { LogContext } from './catalog'
import { events, iso, objectId } from './ids'
import { advance, finish, imagesQueue, newJob, runningStep } from './job-factory'
import type { BuildLog, Change, CreatorScope, CycleState, Image, ImageState, JobRun } from './types'

/** The image state each import step moves to when it starts (Preparing and Cleaning leave it). */
const STATE_AT_STEP: readonly (ImageState | undefined)[] = [
  undefined,
  'downloading',
  'building',
  'verifying',
  'saving',
  undefined
]
/** A forced failure strikes while building, the step where real imports mostly fail. */
const FAIL_AT_STEP = 2

export interface ImportOptions {
  creator: CreatorScope
  now: number
  rand: Random
  /** When set, the import ends in error with this message instead of a live image. */
  failure?: string
}

/** What a finished import leaves on the image: its size, its config and where its layers are kept. */
export function storeImported(
  image: Image,
  result: ReturnType<typeof imported>,
  rand: Random
): void {
  image.size = result.size
  image.config = result.config
  image.backend = {
    provider: 'backblaze',
    size: Math.round(result.size * 0.38),
    file_name: `${image.id}.tar.gz`,
    file_id: `4_z${hex(rand, 24)}_f${hex(rand, 24)}`
  }
}

function setImageState(image: Image, current: ImageState, at: string): Change {
  image.state = { ...image.state, current, changed: at }
  return { topic: 'image.state.changed', id: image.id, state: current }
}

function appendLog(log: BuildLog, lines: readonly string[], at: string): void {
  log.log += lines.map((line) => `${line}\n`).join('')
  log.events.updated = at
}

/**
 * Starts an `image.import` job for `image` (queued until the first tick) and returns its run.
 * Each tick completes one step and begins the next; the build log grows as steps begin.
 */
export function startImport(state: CycleState, image: Image, options: ImportOptions): JobRun {
  const { rand, now } = options
  const job = newJob({
    id: objectId(now, rand),
    taskId: objectId(now, rand),
    hubId: state.hub.id,
    queue: imagesQueue(state.hub.id),
    caption: 'Import Image',
    header: 'image.import',
    input: { id: image.id },
    steps: IMPORT_STEPS,
    creator: options.creator,
    now
  })
  state.jobs.push(job)
  const origin = image.source.details.origin
  const target = targetOf(origin, image.source.override)
  const result = imported(`${image.name} ${target}`, rand)
  const ctx: LogContext = {
    imageId: image.id,
    origin,
    target,
    args: image.build?.args ?? {},
    size: result.size,
    rand
  }
  let log: BuildLog | undefined

  function begin(step: number, at: string, changes: Change[]): void {
    if (step === 0) {
      // A re-import starts its log afresh and forgets the previous failure.
      log = {
        id: objectId(Date.parse(at), rand),
        hub_id: state.hub.id,
        image_id: image.id,
        log: '',
        events: events(Date.parse(at))
      }
      state.buildLogs.set(image.id, log)
      delete image.state.error
    }
    const lines = stepLog(step, ctx)
    // A build about to fail never reports success: drop its closing "built" line.
    if (options.failure !== undefined && step === FAIL_AT_STEP) lines.pop()
    if (log !== undefined) appendLog(log, lines, at)
    const next = STATE_AT_STEP[step]
    if (next !== undefined) changes.push(setImageState(image, next, at))
  }

  function succeed(at: string, changes: Change[]): void {
    storeImported(image, result, rand)
    image.factory = { node_id: objectId(now, rand), cached: at, acknowledged: at }
    image.events.updated = at
    changes.push(setImageState(image, 'live', at))
  }

  function fail(message: string, at: string, changes: Change[]): void {
    if (log !== undefined) appendLog(log, [`ERROR: ${message}`, 'Import failed'], at)
    // Back to `new`, so that the image can be imported again; the error stays on its state.
    image.state = { current: 'new', changed: at, error: { message, time: at } }
    image.events.updated = at
    changes.push({ topic: 'image.error', id: image.id, error: message })
    changes.push({ topic: 'image.state.changed', id: image.id, state: 'new', error: message })
  }

  const run: JobRun = {
    job,
    done: false,
    tick(tickNow) {
      if (run.done) return []
      const at = iso(tickNow)
      const changes: Change[] = []
      const wasQueued = job.state.current === 'queued'
      if (options.failure !== undefined && runningStep(job) === FAIL_AT_STEP) {
        fail(options.failure, at, changes)
        finish(job, tickNow, options.failure)
        changes.push({
          topic: 'job.state.changed',
          id: job.id,
          state: 'error',
          error: options.failure
        })
        run.done = true
        return changes
      }
      const started = advance(job, tickNow)
      if (wasQueued) changes.push({ topic: 'job.state.changed', id: job.id, state: 'running' })
      if (started >= 0) {
        begin(started, at, changes)
      } else {
        succeed(at, changes)
        finish(job, tickNow)
        changes.push({ topic: 'job.state.changed', id: job.id, state: 'completed' })
        run.done = true
      }
      return changes
    }
  }
  return run
}
