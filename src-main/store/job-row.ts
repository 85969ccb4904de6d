import { z } from 'zod'
import { JobAction, JobState, NewSourceOrigin, type JobView } from '@contract'

/** Everything an action needs to be sent, and to be resumed after a restart. */
export interface JobArgs {
  image?: string | undefined
  nodes?: number | undefined
  sourceId?: string | undefined
  sourceIds?: string[] | undefined
  name?: string | undefined
  buildArgs?: Record<string, string> | undefined
  /** A build's one-off replacement of its source's target or tarball (Cycle's `override`). */
  override?: { target?: string | undefined; targz_url?: string | undefined } | undefined
  /** A build skips /dev/shm on the factory (Cycle's `build.use_disk`), for very large images. */
  useDisk?: boolean | undefined
  /** Where a new image source pulls from (a public image: no credentials are ever kept here). */
  origin?: NewSourceOrigin | undefined
  /**
   * The image's `state.changed` just before an import was sent: a later value means the hub
   * acted on it, so a resumed import follows the image instead of importing it again.
   */
  stateBefore?: string | undefined
  /** Set by the platform as the job runs (e.g. the Cycle image a build created). */
  imageId?: string | undefined
  /**
   * Written before a request leaves and cleared once its answer is in: while set, the request
   * may or may not have taken effect, so the next run looks before it sends again.
   */
  maybeSent?: boolean | undefined
  /** When the last request was sent, to tell the platform's records of it from older ones. */
  sentAt?: number | undefined
  /** The platform acknowledged the request: a restart follows it instead of looking first. */
  answered?: boolean | undefined
  /** Transient failures so far (for backoff), and the earliest time to try again. */
  attempts?: number | undefined
  notBefore?: number | undefined
}

/** The states a readable job can be in; `damaged` is only ever derived, never stored. */
export type LiveJobState = Exclude<JobState, 'damaged'>

export interface JobRecord extends Omit<JobView, 'action' | 'state'> {
  action: JobAction
  state: LiveJobState
  args: JobArgs
}

/** A row of the jobs table as SQLite hands it over: any column may hold anything. */
export interface JobRow {
  id: unknown
  account_id: unknown
  action: unknown
  target: unknown
  args: unknown
  title: unknown
  state: unknown
  created_at: unknown
  started_at: unknown
  finished_at: unknown
  error: unknown
  progress: unknown
  remote_job_id: unknown
  log_lines: unknown
}

// Unknown keys are kept: a newer Berth may have written more, and rewriting must not drop it.
const Args = z.looseObject({
  image: z.string().optional(),
  nodes: z.number().int().positive().optional(),
  sourceId: z.string().min(1).optional(),
  sourceIds: z.array(z.string().min(1)).min(1).optional(),
  name: z.string().optional(),
  buildArgs: z.record(z.string(), z.string()).optional(),
  override: z
    .object({ target: z.string().optional(), targz_url: z.string().optional() })
    .optional(),
  useDisk: z.boolean().optional(),
  origin: NewSourceOrigin.optional(),
  stateBefore: z.string().optional(),
  imageId: z.string().min(1).optional(),
  maybeSent: z.boolean().optional(),
  sentAt: z.number().optional(),
  answered: z.boolean().optional(),
  attempts: z.number().int().min(0).optional(),
  notBefore: z.number().optional()
})

/** What each action cannot be sent without. */
const NEEDS: Record<JobAction, readonly (keyof JobArgs)[]> = {
  add: [],
  start: [],
  stop: [],
  delete: [],
  'image.build': ['sourceId'],
  'image.import': ['imageId'],
  'images.prune': ['sourceIds'],
  'image.rename': ['imageId', 'name'],
  'image.delete': ['imageId'],
  'source.create': ['name', 'origin']
}

const LIVE_STATES: readonly string[] = JobState.options.filter((s) => s !== 'damaged')

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value)
const textOrNull = (value: unknown): string | null => (value === null ? null : text(value))
const finite = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null

/** The args column as JobArgs, or what is wrong with it. */
function readArgs(raw: unknown, action: JobAction | null): JobArgs | string {
  if (typeof raw !== 'string') return 'its saved arguments are not text'
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return 'its saved arguments are not valid JSON'
  }
  // JSON null stands for "left out", as the store never writes it itself.
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    json = Object.fromEntries(Object.entries(json).filter(([, v]) => v !== null))
  }
  const parsed = Args.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? issue.path.join('.') : 'the whole'
    return `its saved arguments are malformed (${where}: ${issue?.message ?? 'invalid'})`
  }
  const args = parsed.data as JobArgs
  const missing = action ? NEEDS[action].filter((key) => args[key] === undefined) : []
  if (missing.length > 0) return `its saved arguments lack ${missing.join(' and ')}`
  return args
}

/** The first thing that makes the row unusable, or null when it can be run. */
function problemOf(row: JobRow, action: JobAction | null, args: JobArgs | string): string | null {
  if (action === null) return `its action “${text(row.action)}” is not one this Berth knows`
  if (typeof row.state !== 'string' || !LIVE_STATES.includes(row.state)) {
    return `its state “${text(row.state)}” is not one this Berth knows`
  }
  if (typeof args === 'string') return args
  if (finite(row.created_at) === null) return 'its creation time is not a number'
  return null
}

/**
 * Reads a job row without ever throwing. A row that cannot be trusted (hand-edited, written by a
 * newer Berth, half-damaged) comes back as `damaged`: a view that says why, and no record to run.
 */
export function readJobRow(row: JobRow): { record: JobRecord } | { damaged: JobView } {
  const parsedAction = JobAction.safeParse(row.action)
  const action = parsedAction.success ? parsedAction.data : null
  const args = readArgs(row.args, action)
  const view = {
    id: text(row.id),
    accountId: text(row.account_id),
    target: text(row.target),
    title: text(row.title),
    createdAt: finite(row.created_at) ?? 0,
    startedAt: finite(row.started_at),
    finishedAt: finite(row.finished_at),
    error: textOrNull(row.error),
    logLines: finite(row.log_lines) ?? 0,
    progress: finite(row.progress),
    remoteJobId: textOrNull(row.remote_job_id)
  }
  const problem = problemOf(row, action, args)
  if (problem !== null || action === null || typeof args === 'string') {
    return {
      damaged: {
        ...view,
        action,
        state: 'damaged',
        error: `${problem ?? 'it cannot be read'}, so it will never run; discard it and ask again if it is still needed`
      }
    }
  }
  return { record: { ...view, action, state: row.state as LiveJobState, args } }
}
