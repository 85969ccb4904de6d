import { asProviderError } from '../../providers/errors'
import type { ImageAction } from '@contract'
import { CycleApiError } from '../../providers/cycle/errors'
import { jobProgress } from '../../providers/cycle/mapping'
import { isSet, type CycleJob } from '../../providers/cycle/schemas'
import type { CycleSession } from '../../providers/cycle/session'
import type { JobRecord } from '../../store/job-store'
import { sendFailure, type JobContext, type JobExecutor, type RunResult } from './executor'

/** How far before the job's start a found image may have been created and still be ours. */
const CLOCK_SKEW_MS = 5 * 60_000

/**
 * Cycle image actions. Each step's answer (the new image's id, the platform's job id) is kept
 * before the next step, so a restart resumes where it stopped; after a lost answer the hub is
 * asked what happened before anything is sent again, so nothing is built or deleted twice.
 */
export class CycleExecutor implements JobExecutor {
  constructor(private readonly session: CycleSession) {}

  async run(job: JobRecord, ctx: JobContext): Promise<RunResult> {
    const api = this.session.api
    const action = job.action as ImageAction
    try {
      switch (action) {
        case 'image.rename': {
          // Renaming twice to the same name is harmless: no need to look first.
          const { imageId, name } = job.args
          ctx.log([`PATCH /v1/images/${imageId} {"name": ${JSON.stringify(name)}}`])
          await api.rename(imageId!, name!)
          await this.session.fetchImage(imageId!)
          return { state: 'succeeded' }
        }
        case 'image.build':
          return await this.build(job, ctx)
        case 'images.prune': {
          // Pruning is idempotent: a lost answer is simply asked again.
          const result = await this.started(
            job,
            ctx,
            () => api.prune(job.args.sourceIds ?? []),
            'POST /v1/images/tasks prune'
          )
          await this.session.refreshImages()
          return result
        }
        case 'image.delete': {
          const result = await this.delete(job, ctx)
          // The cache follows at once, socket or not (a 404 removes the row).
          await this.session.fetchImage(job.args.imageId!)
          return result
        }
      }
    } catch (error) {
      return sendFailure(error, ctx)
    }
  }

  private async build(job: JobRecord, ctx: JobContext): Promise<RunResult> {
    let imageId = job.args.imageId
    if (!imageId && job.args.maybeSent) {
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
    if (!imageId) {
      ctx.log([`POST /v1/images (source ${job.args.sourceId})`])
      const image = await this.session.api.createImage({
        source_id: job.args.sourceId!,
        ...(job.args.name ? { name: job.args.name } : {}),
        ...(job.args.buildArgs ? { build: { args: job.args.buildArgs } } : {})
      })
      imageId = image.id
      ctx.remember({ imageId, maybeSent: false })
      ctx.log([`Created image ${image.name} (${imageId})`])
      await this.session.fetchImage(imageId)
    }
    const id = imageId
    if (!job.remoteJobId && job.args.maybeSent) {
      const image = await this.session.api.image(id)
      if (image.state.current !== 'new') {
        ctx.log([`The lost import did start (image ${image.state.current}); following the image`])
        ctx.remember({ maybeSent: false })
        return this.followImage(id, ctx, 'live')
      }
    }
    const result = await this.started(
      job,
      ctx,
      () => this.session.api.importImage(id),
      `POST /v1/images/${id}/tasks import`
    )
    await this.session.fetchImage(id)
    return result
  }

  private async delete(job: JobRecord, ctx: JobContext): Promise<RunResult> {
    const imageId = job.args.imageId!
    if (!job.remoteJobId && job.args.maybeSent) {
      try {
        const image = await this.session.api.image(imageId)
        if (image.state.current === 'deleting' || image.state.current === 'deleted') {
          ctx.remember({ maybeSent: false })
          return this.followImage(imageId, ctx, 'gone')
        }
      } catch (error) {
        if (error instanceof CycleApiError && error.status === 404) return { state: 'succeeded' }
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

  /** Images of the build's source created since the job started (and named as asked, if it was). */
  private async findCreated(job: JobRecord): Promise<string[]> {
    const since = (job.startedAt ?? job.createdAt) - CLOCK_SKEW_MS
    const images = await this.session.api.images()
    return images
      .filter((i) => i.source?.details.id === job.args.sourceId)
      .filter((i) => !job.args.name || i.name === job.args.name)
      .filter((i) => isSet(i.events.created) && Date.parse(i.events.created) >= since)
      .map((i) => i.id)
  }

  /** Starts (unless already started) a platform job and follows it to its end. */
  private async started(
    job: JobRecord,
    ctx: JobContext,
    start: () => Promise<{ job?: { id: string } | null }>,
    request: string
  ): Promise<RunResult> {
    let remote = job.remoteJobId
    if (!remote) {
      ctx.log([request])
      const descriptor = await start()
      remote = descriptor.job?.id ?? null
      ctx.remember({ maybeSent: false }, remote ?? undefined)
      if (!remote) return { state: 'succeeded' }
      ctx.log([`Cycle job ${remote} accepted`])
    }
    return this.follow(remote, ctx)
  }

  /** Without the platform's job id, the image's own state tells how the action ended. */
  private async followImage(
    imageId: string,
    ctx: JobContext,
    until: 'live' | 'gone'
  ): Promise<RunResult> {
    for (;;) {
      try {
        const image = await this.session.api.image(imageId)
        if (until === 'live' && image.state.current === 'live') return { state: 'succeeded' }
        if (until === 'live' && image.state.error?.message && image.state.current === 'new') {
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

/** A line per step as it starts and as it completes, each said once. */
function stepLines(job: CycleJob, logged: Set<string>): string[] {
  const out: string[] = []
  const once = (key: string, text: string): void => {
    if (logged.has(key)) return
    logged.add(key)
    out.push(text)
  }
  job.tasks.forEach((task, t) => {
    ;(task.steps ?? []).forEach((step, s) => {
      if (isSet(step.started)) once(`${t}.${s}.start`, `${task.caption}: ${step.caption}…`)
      if (isSet(step.completed)) once(`${t}.${s}.done`, `${task.caption}: ${step.caption} done`)
    })
  })
  once(`state.${job.state.current}`, `Cycle job ${job.state.current}`)
  return out
}
