/**
 * The filters Cycle's lists offer, with the values the API documents: images by state and by
 * source, sources by origin type (answered by the agent from its cache: the API has no such
 * filter), hub jobs by state. An empty choice means "any" and is never sent.
 */

export interface FilterOption {
  value: string
  label: string
}

const any = (label: string): FilterOption => ({ value: '', label })
const options = (values: readonly string[]): FilterOption[] =>
  values.map((value) => ({ value, label: value }))

export const IMAGE_STATES = [
  'new',
  'uploading',
  'downloading',
  'building',
  'verifying',
  'saving',
  'live',
  'deleting',
  'deleted'
] as const

export const SOURCE_ORIGINS = [
  'docker-hub',
  'docker-registry',
  'oci-registry',
  'docker-file',
  'cycle-upload',
  'cycle-source',
  'none'
] as const

export const JOB_STATES = [
  'new',
  'queued',
  'scheduled',
  'running',
  'completed',
  'error',
  'expired'
] as const

/**
 * Not a Cycle state: the images Berth reads as failed (an error and no import under way), which
 * the agent answers as the contract's FAILED_IMAGE_STATE. A failed import leaves Cycle's `new`.
 */
export const FAILED_IMAGE = 'failed'

export const IMAGE_STATE_OPTIONS = [
  any('Any state'),
  { value: FAILED_IMAGE, label: 'failed' },
  ...options(IMAGE_STATES)
]
export const SOURCE_ORIGIN_OPTIONS = [any('Any origin'), ...options(SOURCE_ORIGINS)]
export const JOB_STATE_OPTIONS = [any('Any state'), ...options(JOB_STATES)]

/** The chosen filters as query fields: "any" (empty) is left out, the rest sent as chosen. */
export function filterInput(
  chosen: Readonly<Record<string, string | undefined>>
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [field, value] of Object.entries(chosen)) {
    if (value) out[field] = value
  }
  return out
}

/** How many filters narrow the list (for the "Clear filters" button and the empty state). */
export const activeFilters = (chosen: Readonly<Record<string, string | undefined>>): number =>
  Object.keys(filterInput(chosen)).length
