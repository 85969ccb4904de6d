/**
 * The one meaning of a "failed" Cycle image, shared by the cache's filter and the screen. A failed
 * import or build leaves the image in Cycle's `new` (or wherever it stopped) with an error on its
 * state, so an image with an error that no import is working on reads "failed", whatever Cycle's
 * state word; a new attempt under way reads as its step.
 */

/** States of an image while an import (download, build, push) is under way. */
export const CYCLE_IMAGE_WORKING_STATES = [
  'downloading',
  'building',
  'verifying',
  'saving',
  'uploading'
] as const

/** The state filter's value for failed images: Cycle has no such state, Berth reads it. */
export const FAILED_IMAGE_STATE = 'failed'

/** The same rule as SQL over an image row aliased `t`. */
export const FAILED_IMAGE_SQL = `t.error IS NOT NULL AND t.error <> '' AND t.state NOT IN (${CYCLE_IMAGE_WORKING_STATES.map((s) => `'${s}'`).join(', ')})`
