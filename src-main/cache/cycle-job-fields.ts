import type { CycleJobRow } from '@contract'

type DescriptorFields = Pick<CycleJobRow, 'schedule' | 'accepted' | 'parallel'>

/** Go's zero time is how Cycle writes "not set". */
const setTime = (t: string | null): string | null => (t && !t.startsWith('0001-01-01') ? t : null)

/**
 * A job row's schedule and what its descriptor said (kept in the raw document's `_berth` by the
 * Cycle session): accepted, and whether its tasks run in parallel and on which sub-queue.
 */
export function jobDescriptorFields(
  descriptorJson: string | null,
  schedule: string | null
): DescriptorFields {
  const d = descriptorJson
    ? (JSON.parse(descriptorJson) as {
        accepted?: boolean | null
        schedule?: string | null
        parallel?: { tasks?: boolean | null; sub_queue?: string | null } | null
      })
    : null
  return {
    schedule: setTime(schedule ?? d?.schedule ?? null),
    accepted: typeof d?.accepted === 'boolean' ? d.accepted : null,
    parallel: d?.parallel
      ? { tasks: d.parallel.tasks ?? null, subQueue: d.parallel.sub_queue ?? null }
      : null
  }
}
