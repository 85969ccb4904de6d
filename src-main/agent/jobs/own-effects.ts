import type { ResourceKind } from '@contract'
import type { Db } from '../../cache/db'
import { removeOwnImages } from '../../cache/own-image-removals'
import type { JobRecord } from '../../store/job-store'

/**
 * What a job that succeeded changed, written to the cache right away: the views (a source's
 * image count, the Prune dialog) must not wait for the next refresh to show the user's own act.
 * `changed` is told each kind written, so that the views re-read it.
 */
export function applyOwnEffects(
  cache: Db,
  job: JobRecord,
  changed: (kind: ResourceKind) => void
): void {
  if (job.state !== 'succeeded') return
  let wrote = false
  if (job.action === 'image.delete' && job.args.imageId) {
    wrote = removeOwnImages(cache, job.accountId, [job.args.imageId])
  } else if (job.action === 'images.prune') {
    // The run re-read the hub's images before it ended: only the sources' counts lag.
    wrote = removeOwnImages(cache, job.accountId, [])
  }
  if (!wrote) return
  changed('cycleImages')
  changed('cycleSources')
}
