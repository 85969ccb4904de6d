import type { ImageAction } from '../contract'
import { jobProgress } from '../../providers/cycle/mapping'
import type { CycleJob } from '../../providers/cycle/schemas'
import type { CycleSession } from '../../providers/cycle/session'
import type { JobRecord } from '../../store/job-store'
import { sendFailure, type JobContext, type JobExecutor, type RunResult } from './executor'

/**
 * Cycle image actions. Each step's answer (the new image's id, the platform's job id) is kept
 * before the next step, so a restart resumes where it stopped and never builds twice.
 */
export class CycleExecutor implements JobExecutor {
  constructor(private readonly session: CycleSession) {}

  async run(job: JobRecord, ctx: JobContext): Promise<RunResult> {
    const api = this.session.api
    const action = job.action as ImageAction
    try {
      switch (action) {
        case 'image.rename': {
          const { imageId, name } = job.args
          ctx.log([`PATCH /v1/images/${imageId} {"name": ${JSON.stringify(name)}}`])
          await api.rename(imageId!, name!)
          await this.session.fetchImage(imageId!)
          return { state: 'succeeded' }
        }
        case 'image.build':
          return await this.build(job, ctx)
        case 'images.prune':
          return await this.started(
            job,
            ctx,
            () => api.prune(job.args.sourceIds ?? []),
            'POST /v1/images/tasks prune'
          )
        case 'image.delete':
          return await this.started(
            job,
            ctx,
            () => api.deleteImage(job.args.imageId!),
            `DELETE /v1/images/${job.args.imageId}`
          )
      }
    } catch (error) {
      return sendFailure(error, job.target)
    }
  }

  private async build(job: JobRecord, ctx: JobContext): Promise<RunResult> {
    let imageId = job.args.imageId
    if (!imageId) {
      ctx.log([`POST /v1/images (source ${job.args.sourceId})`])
      const image = await this.session.api.createImage({
        source_id: job.args.sourceId!,
        ...(job.args.name ? { name: job.args.name } : {}),
        ...(job.args.buildArgs ? { build: { args: job.args.buildArgs } } : {})
      })
      imageId = image.id
      ctx.remember({ imageId })
      ctx.log([`Created image ${image.name} (${imageId})`])
      await this.session.fetchImage(imageId)
    }
    const id = imageId
    const result = await this.started(
      job,
      ctx,
      () => this.session.api.importImage(id),
      `POST /v1/images/${id}/tasks import`
    )
    await this.session.fetchImage(id)
    return result
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
      if (!remote) return { state: 'succeeded' }
      ctx.remember({}, remote)
      ctx.log([`Cycle job ${remote} accepted`])
    }
    return this.follow(remote, ctx)
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
      if (!step.started.startsWith('0001'))
        once(`${t}.${s}.start`, `${task.caption}: ${step.caption}…`)
      if (!step.completed.startsWith('0001'))
        once(`${t}.${s}.done`, `${task.caption}: ${step.caption} done`)
    })
  })
  once(`state.${job.state.current}`, `Cycle job ${job.state.current}`)
  return out
}
