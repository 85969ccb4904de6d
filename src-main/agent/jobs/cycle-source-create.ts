import type { NewSourceOrigin } from '@contract'
import { isSet, type CycleSource } from '../../providers/cycle/schemas'
import type { CycleSession } from '../../providers/cycle/session'
import type { JobRecord } from '../../store/job-store'
import { sendWriteAhead, type JobContext, type RunResult } from './executor'
import { sentSince } from './cycle-wire'

/** Cycle's create-source body: a direct source pulling a public image. */
export function sourceBody(name: string, origin: NewSourceOrigin) {
  return {
    name,
    type: 'direct' as const,
    origin:
      origin.type === 'docker-hub'
        ? { type: origin.type, details: { target: origin.target } }
        : { type: origin.type, details: { target: origin.target, url: origin.url } }
  }
}

/** Whether a source on the hub pulls what this job asked for, under the name it asked for. */
function isAsked(source: CycleSource, name: string, origin: NewSourceOrigin): boolean {
  const details = (source.origin as { details?: { target?: unknown; url?: unknown } }).details
  return (
    source.name === name &&
    source.origin.type === origin.type &&
    details?.target === origin.target &&
    (origin.type === 'docker-hub' || details?.url === origin.url)
  )
}

/**
 * Creates an image source once. Cycle answers with the source itself (no job to follow), and it
 * does not keep names unique: after a lost answer the hub's sources created since the request
 * could have left, with this name and this origin, say whether it took effect.
 */
export async function createSource(
  session: CycleSession,
  job: JobRecord,
  ctx: JobContext,
  unsure: boolean
): Promise<RunResult> {
  const name = job.args.name!
  const origin = job.args.origin!
  if (unsure) {
    const since = sentSince(job)
    const found = (await session.api.sources())
      .filter((s) => isAsked(s, name, origin))
      .filter((s) => isSet(s.events.created) && Date.parse(s.events.created) >= since)
      .map((s) => s.id)
    if (found.length > 1) {
      return {
        state: 'unknown',
        error: `The answer to creating the image source was lost and ${found.length} sources could be it (${found.join(', ')}); check them before creating it again.`
      }
    }
    if (found[0]) {
      ctx.log([`The lost request did create image source ${found[0]}; nothing to send`])
      ctx.remember({ maybeSent: false })
      await session.refreshSources()
      return { state: 'succeeded' }
    }
    ctx.log(['The lost request created no image source; sending it again'])
  }
  // The body holds no credential (only public images are offered), so it may be logged whole.
  const body = sourceBody(name, origin)
  ctx.log([`POST /v1/images/sources ${JSON.stringify(body)}`])
  const source = await sendWriteAhead(ctx, () => session.api.createSource(body))
  ctx.remember({ maybeSent: false })
  ctx.log([`Created image source ${source.name ?? name} (${source.id})`])
  await session.refreshSources()
  return { state: 'succeeded' }
}
