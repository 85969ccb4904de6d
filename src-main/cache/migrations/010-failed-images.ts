/**
 * Migration 10: the images that read "failed" (an error and no import under way, see the
 * contract's cycle-image-look.ts) are few, and the state filter offers them: a partial index
 * holds just those, so the filter reads them instead of walking every image of a hub.
 */
export default `
  CREATE INDEX cycle_images_failed ON cycle_images(account_id, source_id, state)
    WHERE error IS NOT NULL AND error <> '';
`
