import type { JobState, JobView } from '@contract'
import type { Notice } from './notice'

const ENDED: readonly JobState[] = ['succeeded', 'failed', 'unknown']

/** Tells once when a job ends; the user cancelling one is not news. */
export class JobWatch {
  private readonly told = new Set<string>()

  job(job: JobView, accountName: string): Notice[] {
    if (!ENDED.includes(job.state) || this.told.has(job.id)) return []
    this.told.add(job.id)
    const target = { view: 'jobs' as const, jobId: job.id }
    const base = { subject: job.target, target, key: `job:${job.id}:${job.state}` }
    switch (job.state) {
      case 'succeeded':
        return [
          {
            ...base,
            kind: 'job',
            level: 'success',
            title: `Done: ${job.title}`,
            body: `On ${accountName}`,
            burst: {
              key: 'job:succeeded',
              title: (n) => `${n} jobs finished`,
              target: { view: 'jobs' }
            }
          }
        ]
      case 'failed':
        return [
          {
            ...base,
            kind: 'job',
            level: 'error',
            title: `Failed: ${job.title}`,
            body: job.error ?? `On ${accountName}`,
            burst: { key: 'job:failed', title: (n) => `${n} jobs failed`, target: { view: 'jobs' } }
          }
        ]
      default:
        // The answer was lost: whether the platform acted cannot be told without the user.
        return [
          {
            ...base,
            kind: 'outbox',
            level: 'warning',
            title: `Not confirmed: ${job.title}`,
            body: job.error ?? `${accountName} did not confirm it; check, then retry if needed.`,
            burst: {
              key: 'outbox:unknown',
              title: (n) => `${n} queued actions could not be confirmed`,
              target: { view: 'jobs' }
            }
          }
        ]
    }
  }
}
