import type { ClusterAction, JobAction, JobState, JobView } from '@contract'
import { formatDuration } from './format'

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
  return `image ${job.target}`
}

/** What the user may still decide about a job: withdraw it unsent, or queue it again. */
export const canCancel = (job: JobView): boolean => job.state === 'queued'
export const canRetry = (job: JobView): boolean =>
  job.state === 'failed' || job.state === 'unknown' || job.state === 'cancelled'
/** A damaged job is never run: all the user can do is remove it. */
export const canDiscard = (job: JobView): boolean => job.state === 'damaged'
