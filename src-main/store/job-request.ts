import type { JobAction } from '@contract'
import type { JobArgs } from './job-row'

/**
 * The arguments the user chose, as opposed to the bookkeeping a run adds (attempts, what the
 * platform answered): two requests are the same when these are.
 */
const ASKED: readonly (keyof JobArgs)[] = [
  'image',
  'nodes',
  'sourceId',
  'sourceIds',
  'name',
  'buildArgs',
  'override',
  'useDisk',
  'origin'
]

/** The ids a job acts on by id rather than by name (an image), which a run never changes. */
const BY_ID: readonly JobAction[] = ['image.import', 'image.rename', 'image.delete']

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** What makes a request the same request: its action's own arguments, in a comparable form. */
export function requestKey(action: JobAction, args: JobArgs): string {
  const asked: Record<string, unknown> = {}
  for (const key of ASKED) asked[key] = args[key]
  // A prune of the same sources in another order is the same prune.
  if (Array.isArray(asked['sourceIds'])) asked['sourceIds'] = [...(args.sourceIds ?? [])].sort()
  if (BY_ID.includes(action)) asked['imageId'] = args.imageId
  return canonical(asked)
}
