import { intBelow } from '../qbo/random'
import type { Random } from '../qbo/random'
import { imported, IMPORT_STEPS } from './catalog'
import { iso, objectId } from './ids'
import { storeImported } from './import-run'
import { advance, finish, imagesQueue, newJob } from './job-factory'
import { newImage } from './model'
import type { CreatorScope, CycleState } from './types'

/** Enough to fill a hub far past any real one, small enough to seed in a few seconds. */
export const MAX_SCALE_IMAGES = 200_000
export const MAX_SCALE_JOBS = 200_000

/** How many generated images stay `new` (never imported): one in this many. */
const NEW_EVERY = 25

export interface ScaleCounts {
  /** Extra images, on top of the eight the seed plans. */
  images: number
  /** Extra finished `image.import` jobs, for the generated images in turn (or the seeded ones). */
  jobs: number
}

/**
 * Bulk images and jobs for trying a client at scale. Unlike the planned seed they skip the import
 * run and its build log (far too slow for 100,000 images) and are built directly in their end
 * state, oldest first, spread evenly over `span` (which must end before the planned images);
 * work is linear in the counts.
 */
export function seedScale(
  state: CycleState,
  rand: Random,
  creator: CreatorScope,
  counts: ScaleCounts,
  span: { from: number; to: number }
): void {
  const { images, jobs } = counts
  const sources = state.sources
  if (sources.length === 0 || (images === 0 && jobs === 0)) return
  const step = Math.max(1_000, Math.floor((span.to - span.from) / Math.max(1, images)))
  const generated = []
  for (let i = 0; i < images; i++) {
    const source = sources[i % sources.length] ?? sources[0]
    if (source === undefined) break
    const now = span.from + i * step + intBelow(rand, step)
    const image = newImage(state, {
      id: objectId(now, rand),
      name: `${source.name}-${String(i + 1).padStart(6, '0')}`,
      source,
      creator,
      now
    })
    if (i % NEW_EVERY !== NEW_EVERY - 1) {
      const at = iso(now + 60_000)
      const result = imported(image.name, rand)
      storeImported(image, result, rand)
      image.state = { current: 'live', changed: at }
      image.events.updated = at
    }
    generated.push(image)
  }
  // Older than every planned image and stored first, so the hub stays in creation order.
  state.images = generated.concat(state.images)
  const targets = generated.length > 0 ? generated : state.images
  for (let j = 0; j < jobs; j++) {
    const image = targets[j % targets.length]
    if (image === undefined) break
    const queued = Date.parse(image.events.created) + 1_000 + j
    const job = newJob({
      id: objectId(queued, rand),
      taskId: objectId(queued, rand),
      hubId: state.hub.id,
      queue: imagesQueue(state.hub.id),
      caption: 'Import Image',
      header: 'image.import',
      input: { id: image.id },
      steps: IMPORT_STEPS,
      creator,
      now: queued
    })
    let now = queued
    while (advance(job, (now += 2_000)) >= 0);
    finish(job, now)
    state.jobs.push(job)
  }
}
