import type {
  ClusterAction,
  JobAction,
  JobState,
  JobView,
  NotificationView,
  ViewTarget
} from '@contract'
import { formatDuration } from './format'
import { formatRoute } from './route'

/** A job's state in words; colour alone is never the only signal. */
export const JOB_WORDS: Record<JobState, string> = {
  queued: 'Queued — waiting for the account to be online',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  unknown: 'Unknown outcome — check, then retry if needed',
  cancelled: 'Cancelled before it was sent',
  damaged: 'Damaged — it can never run; discard it'
}

/** Short form for the job list's badge. */
export const JOB_SHORT: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  unknown: 'Unknown',
  cancelled: 'Cancelled',
  damaged: 'Damaged'
}

export const isActiveJob = (job: JobView): boolean =>
  job.state === 'queued' || job.state === 'running'

/** "waiting 12s", "running 1m 05s", "took 2m 10s"; '' when an ended job has no end time. */
export function elapsed(job: JobView, now: number): string {
  if (job.finishedAt !== null)
    return `took ${formatDuration(job.finishedAt - (job.startedAt ?? job.createdAt))}`
  if (!isActiveJob(job)) return ''
  if (job.startedAt !== null) return `running ${formatDuration(now - job.startedAt)}`
  return `waiting ${formatDuration(now - job.createdAt)}`
}

const CLUSTER_ACTIONS: readonly JobAction[] = ['add', 'start', 'stop', 'delete']

/** qbo's cluster actions, whose target is a cluster name. */
export const isClusterAction = (action: JobAction): action is ClusterAction =>
  CLUSTER_ACTIONS.includes(action)

/** What went wrong, in words: the error, or for a damaged job "Damaged — <why>". */
export function jobProblem(job: Pick<JobView, 'state' | 'error'>): string | null {
  if (job.state === 'damaged') return `Damaged — ${job.error ?? 'Berth cannot read this job'}`
  return job.error
}

/** What a job acts on, in words: "cluster dev", "image web", "sources api, worker". */
export function jobTarget(job: Pick<JobView, 'action' | 'target'>): string {
  // A damaged job may name an action this Berth does not know: its target is all there is.
  if (job.action === null) return job.target
  if (isClusterAction(job.action)) return `cluster ${job.target}`
  if (job.action === 'images.prune') return `sources ${job.target}`
  if (job.action === 'source.create') return `image source ${job.target}`
  return `image ${job.target}`
}

/** What the user may still decide about a job: withdraw it unsent, or queue it again. */
export const canCancel = (job: JobView): boolean => job.state === 'queued'
export const canRetry = (job: JobView): boolean =>
  job.state === 'failed' || job.state === 'unknown' || job.state === 'cancelled'
/** A damaged job is never run: all the user can do is remove it. */
export const canDiscard = (job: JobView): boolean => job.state === 'damaged'

/** Whether two places are the same cluster, image or list (a job's subject and a page). */
export function sameSubject(a: ViewTarget | undefined, b: ViewTarget): boolean {
  if (a === undefined || a.view !== b.view) return false
  if (a.view === 'cluster' && b.view === 'cluster')
    return a.accountId === b.accountId && a.cluster === b.cluster
  if (a.view === 'cycle-image' && b.view === 'cycle-image')
    return a.accountId === b.accountId && a.imageId === b.imageId
  return true
}

/** The action as a noun, and as work under way and done: "Stop", "Stopping", "Stopped". */
const ACTION_WORDS: Record<JobAction, readonly [string, string, string]> = {
  add: ['Create', 'Creating', 'Created'],
  start: ['Start', 'Starting', 'Started'],
  stop: ['Stop', 'Stopping', 'Stopped'],
  delete: ['Delete', 'Deleting', 'Deleted'],
  'image.build': ['Build', 'Building', 'Built'],
  'image.import': ['Import', 'Importing', 'Imported'],
  'images.prune': ['Prune', 'Pruning', 'Pruned'],
  'image.rename': ['Rename', 'Renaming', 'Renamed'],
  'image.delete': ['Delete', 'Deleting', 'Deleted'],
  'source.create': ['Create', 'Creating', 'Created']
}

/**
 * A job in a word or three where it was asked for (a row, a page's header): "Stop queued",
 * "Stopping…", "Stopped", "Stop failed".
 */
export function jobInPlace(job: Pick<JobView, 'action' | 'state'>): string {
  if (job.action === null || job.state === 'damaged') return 'Damaged job'
  const [noun, doing, done] = ACTION_WORDS[job.action]
  switch (job.state) {
    case 'queued':
      return `${noun} queued`
    case 'running':
      return `${doing}…`
    case 'succeeded':
      return done
    case 'failed':
      return `${noun} failed`
    case 'unknown':
      return `${noun} not confirmed`
    case 'cancelled':
      return `${noun} cancelled`
  }
}

let acceptedSeq = 0

/**
 * The toast that says an action was accepted (or was already queued), leading to its job. Its id
 * is negative, never one of the history's; it is no history entry, so it is born read.
 */
export function acceptedToast(job: JobView & { alreadyQueued?: boolean }): NotificationView {
  return {
    id: -++acceptedSeq,
    at: Date.now(),
    kind: 'job',
    level: 'info',
    title: job.alreadyQueued ? `Already queued: ${job.title}` : `Queued: ${job.title}`,
    body: job.alreadyQueued
      ? 'It is still the one job; it runs once.'
      : 'Its progress shows where you asked for it, and in Activity.',
    count: 1,
    target: { view: 'jobs', jobId: job.id },
    read: true
  }
}

/** The address of what a job acts on, for its link back; null when it has no page (yet). */
export function subjectHref(job: Pick<JobView, 'subject'>): string | null {
  const subject = job.subject
  if (subject === undefined) return null
  switch (subject.view) {
    case 'cluster':
      return formatRoute({ view: 'cluster', accountId: subject.accountId, name: subject.cluster })
    case 'cycle-image':
      return formatRoute(subject)
    case 'cycle-images':
    case 'cycle-sources':
      return formatRoute({ view: subject.view })
    default:
      return null
  }
}
