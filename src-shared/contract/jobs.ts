import { z } from 'zod'
import { ViewTarget } from './notifications'

/** Berth's own jobs: the actions a user queues, their states and their logs. */
export const ClusterAction = z.enum(['add', 'start', 'stop', 'delete'])
export type ClusterAction = z.infer<typeof ClusterAction>

/** Cycle image actions; each returns a Cycle job that Berth follows to its end. */
export const ImageAction = z.enum([
  'image.build',
  'image.import',
  'images.prune',
  'image.rename',
  'image.delete'
])
export type ImageAction = z.infer<typeof ImageAction>

/** Cycle image source actions: answered at once, no Cycle job to follow. */
export const SourceAction = z.enum(['source.create'])
export type SourceAction = z.infer<typeof SourceAction>

export const JobAction = z.enum([
  ...ClusterAction.options,
  ...ImageAction.options,
  ...SourceAction.options
])
export type JobAction = z.infer<typeof JobAction>

/**
 * A user action's life: queued (durable, not yet sent) → running (sent, being followed) →
 * succeeded | failed; `unknown` when a connection was lost after sending and the outcome could
 * not be established; `cancelled` when the user withdrew it before it was sent. `damaged` is a
 * stored job Berth cannot read (its `error` says why): it is listed, never run, and may be
 * discarded.
 */
export const JobState = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'unknown',
  'cancelled',
  'damaged'
])
export type JobState = z.infer<typeof JobState>

export const JobView = z.object({
  id: z.string(),
  accountId: z.string(),
  /** Null only for a damaged job whose stored action this Berth does not know. */
  action: JobAction.nullable(),
  /** What it acts on, in words: a cluster name, an image, the sources pruned. */
  target: z.string(),
  title: z.string(),
  state: JobState,
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** In plain words, when failed or unknown; when damaged, what is wrong with it. */
  error: z.string().nullable(),
  logLines: z.number(),
  /** 0–1 when the platform reports progress (Cycle: finished steps over all steps). */
  progress: z.number().nullable(),
  /** The platform's own job, when there is one (a Cycle job id). */
  remoteJobId: z.string().nullable(),
  /**
   * The page of what it acts on (its cluster, its image, the images list of a prune), for a link
   * back; absent when there is none yet (a build before Cycle named its image) or it is damaged.
   */
  subject: ViewTarget.optional()
})
export type JobView = z.infer<typeof JobView>

/**
 * What an action call returns: its job, and whether that job was already queued (the same
 * action on the same target, asked again before it was sent, is the one job it already is).
 */
export const QueuedJob = JobView.extend({ alreadyQueued: z.boolean() })
export type QueuedJob = z.infer<typeof QueuedJob>

export const JobLogLine = z.object({ seq: z.number(), at: z.number(), text: z.string() })
export type JobLogLine = z.infer<typeof JobLogLine>
