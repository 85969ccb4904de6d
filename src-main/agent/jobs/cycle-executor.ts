import { asProviderError } from '../../providers/errors'
import type { ImageAction, SourceAction } from '@contract'
import { CycleApiError } from '../../providers/cycle/errors'
import { jobProgress } from '../../providers/cycle/mapping'
import { isSet, type CycleImage, type CycleJob } from '../../providers/cycle/schemas'
import type { CycleSession } from '../../providers/cycle/session'
import type { JobRecord } from '../../store/job-store'
import {
  sendFailure,
  sendWriteAhead,
  type JobContext,
  type JobExecutor,
  type RunResult
} from './executor'
import { createSource } from './cycle-source-create'
import { createBody, lacksCapability, sentSince, stepLines, TaskInput } from './cycle-wire'

/** How many of the hub's newest jobs are searched for one a lost request started. */
const RECENT_JOBS = 100

/**
 * Cycle image actions. Each request is marked "may have been sent" before it leaves and each
 * answer (the new image's id, the platform's job id) is kept before the next step, so a restart
 * resumes where it stopped; a request whose answer is missing (lost, or cut off by a crash) makes
 * the next run ask the hub what happened before anything is sent again, so nothing is built,
 * renamed, deleted or pruned twice.
 */
export class CycleExecutor implements JobExecutor {
  constructor(private readonly session: CycleSession) {}

  async run(job: JobRecord, ctx: JobContext, resuming = false): Promise<RunResult> {
    const action = job.action as ImageAction | SourceAction
    // A resumed job may have sent its request before a crash, whatever the record says.
    const unsure = resuming || job.args.maybeSent === true
    try {
      switch (action) {
        case 'source.create':
          return await createSource(this.session, job, ctx, unsure)
        case 'image.rename':
          return await this.rename(job, ctx, unsure)
        case 'image.build':
          return await this.build(job, ctx, unsure)
        case 'image.import': {
          const imageId = job.args.imageId!
          const result = await this.importImage(job, ctx, unsure, imageId)
          await this.session.fetchImage(imageId)
          return result
        }
        case 'images.prune': {
          const result = await this.prune(job, ctx, unsure)
          await this.session.refreshImages()
          return result
        }
        case 'image.delete': {
          const result = await this.delete(job, ctx, unsure)
          // The cache follows at once, socket or not (a 404 removes the row).
          await this.session.fetchImage(job.args.imageId!)
          return result
        }
      }
    } catch (error) {
      return sendFailure(error, ctx)
    }
  }

  private async rename(job: JobRecord, ctx: JobContext, unsure: boolean): Promise<RunResult> {
    const { imageId, name } = job.args
    if (unsure) {
      const image = await this.session.api.image(imageId!)
      if (image.name === name) {
        ctx.log([`The image is already named ${JSON.stringify(name)}; nothing to send`])
        ctx.remember({ maybeSent: false })
        await this.session.fetchImage(imageId!)
        return { state: 'succeeded' }
      }
    }
    ctx.log([`PATCH /v1/images/${imageId} {"name": ${JSON.stringify(name)}}`])
    await sendWriteAhead(ctx, () => this.session.api.rename(imageId!, name!))
    ctx.remember({ maybeSent: false })
    await this.session.fetchImage(imageId!)
    return { state: 'succeeded' }
  }

  private async build(job: JobRecord, ctx: JobContext, unsure: boolean): Promise<RunResult> {
    let imageId = job.args.imageId
    if (!imageId && unsure) {
      const found = await this.findCreated(job)
      if (found.length > 1) {
        return {
          state: 'unknown',
          error: `The answer to creating the image was lost and ${found.length} images could be it (${found.join(', ')}); check them before building again.`
        }
      }
      imageId = found[0]
      ctx.log([
        imageId
          ? `The lost request did create image ${imageId}; going on with it`
          : 'The lost request created no image; sending it again'
      ])
      ctx.remember({ imageId, maybeSent: false })
    }
    // A retried build imports its failed attempt's image again; if that image is gone, it starts over.
    let known: CycleImage | null | undefined
    if (imageId && !unsure && !job.remoteJobId) {
      known = await this.imageOrNull(imageId)
      if (!known) {
        ctx.log([`Image ${imageId} of the earlier attempt is gone; creating a new one`])
        ctx.remember({ imageId: undefined, stateBefore: undefined })
        imageId = undefined
      }
    }
    if (!imageId) {
      ctx.log([`POST /v1/images (source ${job.args.sourceId})`])
      const image = await sendWriteAhead(ctx, () =>
        this.session.api.createImage(createBody(job.args))
      )
      imageId = image.id
      known = image
      ctx.remember({ imageId, maybeSent: false })
      ctx.log([`Created image ${image.name} (${imageId})`])
      await this.session.fetchImage(imageId)
    }
    const result = await this.importImage(job, ctx, unsure, imageId, known ?? undefined)
    await this.session.fetchImage(imageId)
    return result
  }

  /**
   * Imports an image in `new` (a build's own, one never imported, or one whose import failed).
   * Before the request leaves, the image's `state.changed` is kept: after a crash or a lost
   * answer, the hub's job for it, or a state changed since, says the import did start, and it is
   * followed instead of being sent twice.
   */
  private async importImage(
    job: JobRecord,
    ctx: JobContext,
    unsure: boolean,
    id: string,
    known?: CycleImage
  ): Promise<RunResult> {
    if (!job.remoteJobId && unsure) {
      // A key that may not view hub jobs (a CI importer's) is told by the image's state alone.
      const started = await this.findJob(job, ctx, 'image.import', (input) => input.id === id, true)
      if (started) {
        ctx.log([`The lost import did start (Cycle job ${started}); following it`])
        return this.adopt(started, ctx, () => this.session.fetchImage(id))
      }
      const image = await this.session.api.image(id)
      const before = job.args.stateBefore
      // Jobs written before `stateBefore` existed only ever imported images in `new`.
      const moved =
        before === undefined ? image.state.current !== 'new' : image.state.changed !== before
      if (moved) {
        ctx.log([`The lost import did start (image ${image.state.current}); following the image`])
        ctx.remember({ maybeSent: false })
        return this.followImage(id, ctx, 'live', before)
      }
    }
    let before = job.args.stateBefore
    if (!job.remoteJobId) {
      const image = known ?? (await this.session.api.image(id))
      before = image.state.changed
      ctx.remember({ stateBefore: before })
    }
    return this.started(
      job,
      ctx,
      () => this.session.api.importImage(id),
      `POST /v1/images/${id}/tasks import`,
      () => this.followImage(id, ctx, 'live', before)
    )
  }

  /** The image as the hub has it now; null when it is gone (a 404; anything else is thrown). */
  private async imageOrNull(imageId: string): Promise<CycleImage | null> {
    try {
      return await this.session.api.image(imageId)
    } catch (error) {
      if (error instanceof CycleApiError && error.status === 404) return null
      throw error
    }
  }

  private async delete(job: JobRecord, ctx: JobContext, unsure: boolean): Promise<RunResult> {
    const imageId = job.args.imageId!
    if (!job.remoteJobId && unsure) {
      const started = await this.findJob(job, ctx, 'image.delete', (input) => input.id === imageId)
      if (started) {
        ctx.log([`The lost deletion did start (Cycle job ${started}); following it`])
        return this.adopt(started, ctx)
      }
      try {
        const image = await this.session.api.image(imageId)
        if (image.state.current === 'deleting' || image.state.current === 'deleted') {
          ctx.remember({ maybeSent: false })
          return this.followImage(imageId, ctx, 'gone')
        }
      } catch (error) {
        if (error instanceof CycleApiError && error.status === 404) {
          ctx.log([`Image ${imageId} is already gone`])
          return { state: 'succeeded' }
        }
        throw error
      }
    }
    return this.started(
      job,
      ctx,
      () => this.session.api.deleteImage(imageId),
      `DELETE /v1/images/${imageId}`
    )
  }

  private async prune(job: JobRecord, ctx: JobContext, unsure: boolean): Promise<RunResult> {
    const sourceIds = job.args.sourceIds ?? []
    if (!job.remoteJobId && unsure) {
      const wanted = [...sourceIds].sort().join(',')
      const started = await this.findJob(
        job,
        ctx,
        'images.prune',
        (input) => [...(input.source_ids ?? [])].sort().join(',') === wanted
      )
      if (started) {
        ctx.log([`The lost prune did start (Cycle job ${started}); following it`])
        return this.adopt(started, ctx)
      }
    }
    return this.started(
      job,
      ctx,
      () => this.session.api.prune(sourceIds),
      'POST /v1/images/tasks prune'
    )
  }

  /** Images of the build's source created since the job started (and named as asked, if it was). */
  private async findCreated(job: JobRecord): Promise<string[]> {
    const since = sentSince(job)
    const images = await this.session.api.images()
    return images
      .filter((i) => i.source?.details.id === job.args.sourceId)
      .filter((i) => !job.args.name || i.name === job.args.name)
      .filter((i) => isSet(i.events.created) && Date.parse(i.events.created) >= since)
      .map((i) => i.id)
  }

  /**
   * The newest hub job a lost request of this job may have started: its task runs `header` on
   * what `matches`, it was queued since the request could have gone out, and no other job of
   * Berth's follows it already.
   */
  private async findJob(
    job: JobRecord,
    ctx: JobContext,
    header: string,
    matches: (input: TaskInput) => boolean,
    refusedIsNone = false
  ): Promise<string | null> {
    const since = sentSince(job)
    let jobs: CycleJob[]
    try {
      jobs = await this.session.api.jobs({ limit: RECENT_JOBS })
    } catch (error) {
      if (refusedIsNone && lacksCapability(error)) return null
      throw error
    }
    const found = jobs
      .filter((j) => isSet(j.events.queued) && Date.parse(j.events.queued!) >= since)
      .filter((j) =>
        j.tasks.some((task) => {
          const input = TaskInput.safeParse((task as { input?: unknown }).input)
          return task.header === header && input.success && matches(input.data)
        })
      )
      .filter((j) => !ctx.followedElsewhere(j.id))
      .sort((a, b) => Date.parse(b.events.queued!) - Date.parse(a.events.queued!))
    return found[0]?.id ?? null
  }

  /** Takes a platform job a lost request started as this job's own, and follows it. */
  private async adopt(
    remote: string,
    ctx: JobContext,
    after?: () => Promise<void>
  ): Promise<RunResult> {
    ctx.remember({ maybeSent: false }, remote)
    const result = await this.follow(remote, ctx)
    await after?.()
    return result
  }

  /** Starts (unless already started) a platform job and follows it to its end. */
  private async started(
    job: JobRecord,
    ctx: JobContext,
    start: () => Promise<{ job?: { id: string } | null }>,
    request: string,
    /** How to tell the end when the key may not view hub jobs. */
    orElse?: () => Promise<RunResult>
  ): Promise<RunResult> {
    let remote = job.remoteJobId
    if (!remote) {
      ctx.log([request])
      const descriptor = await sendWriteAhead(ctx, start)
      remote = descriptor.job?.id ?? null
      ctx.remember({ maybeSent: false }, remote ?? undefined)
      if (!remote) return { state: 'succeeded' }
      ctx.log([`Cycle job ${remote} accepted`])
    }
    if (orElse && !(await this.mayViewJob(remote))) {
      ctx.log(['This API key may not view hub jobs; following the image instead'])
      return orElse()
    }
    return this.follow(remote, ctx)
  }

  /** False when the key lacks the capability to read hub jobs (any other answer is left to follow). */
  private async mayViewJob(jobId: string): Promise<boolean> {
    try {
      await this.session.api.job(jobId)
    } catch (error) {
      if (lacksCapability(error)) return false
    }
    return true
  }

  /** Without the platform's job id, the image's own state tells how the action ended. */
  private async followImage(
    imageId: string,
    ctx: JobContext,
    until: 'live' | 'gone',
    /** The image's `state.changed` before the import: an error from before is not this one's. */
    before?: string
  ): Promise<RunResult> {
    for (;;) {
      try {
        const image = await this.session.api.image(imageId)
        if (until === 'live' && image.state.current === 'live') return { state: 'succeeded' }
        const fresh = before === undefined || image.state.changed !== before
        if (
          until === 'live' &&
          fresh &&
          image.state.error?.message &&
          image.state.current === 'new'
        ) {
          return { state: 'failed', error: image.state.error.message }
        }
      } catch (error) {
        if (error instanceof CycleApiError && error.status === 404 && until === 'gone')
          return { state: 'succeeded' }
        const e = asProviderError(error)
        if (e.kind === 'network') return { state: 'paused' }
        throw error
      }
      await ctx.pause()
    }
  }

  private follow(jobId: string, ctx: JobContext): Promise<RunResult> {
    const logged = new Set<string>()
    return new Promise((resolve) => {
      const dispose = this.session.follow(jobId, {
        update: (job) => {
          ctx.log(stepLines(job, logged))
          ctx.progress(jobProgress(job))
          const state = job.state.current
          if (state === 'completed') {
            dispose()
            resolve({ state: 'succeeded' })
          } else if (state === 'error' || state === 'expired') {
            dispose()
            const taskError = job.tasks.map((t) => t.error?.message).find(Boolean)
            resolve({
              state: 'failed',
              error: job.state.error?.message ?? taskError ?? `Cycle job ${state}`
            })
          }
        },
        lost: () => resolve({ state: 'paused' })
      })
    })
  }
}
