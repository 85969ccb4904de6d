import type { JobAction, ViewTarget } from '@contract'
import type { JobArgs } from './job-row'

/** The page a job's link leads back to: what it acts on, once that is known. */
export function subjectOf(
  job: { accountId: string; action: JobAction; target: string },
  args: JobArgs
): ViewTarget | undefined {
  switch (job.action) {
    case 'add':
    case 'start':
    case 'stop':
    case 'delete':
      return { view: 'cluster', accountId: job.accountId, cluster: job.target }
    case 'image.import':
    case 'image.rename':
    case 'image.delete':
    case 'image.build':
      // A build's image exists once Cycle has created it (the run remembers its id).
      return args.imageId
        ? { view: 'cycle-image', accountId: job.accountId, imageId: args.imageId }
        : undefined
    case 'images.prune':
      return { view: 'cycle-images' }
    case 'source.create':
      return { view: 'cycle-sources' }
  }
}
