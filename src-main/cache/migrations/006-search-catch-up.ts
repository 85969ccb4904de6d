const searched = [
  'nodes',
  'pods',
  'services',
  'load_balancers',
  'cycle_images',
  'cycle_jobs'
] as const

/**
 * 6: the trigram indexes catch up after a sync rather than inside it. Migration 5 brought them
 * up to date in the transaction that records a set's sync (triggers on sync_state), which made
 * a first sync of 62.5k nodes wait ~0.6 s for its index. The writer now catches up in bounded
 * batches once it is idle (cache/search-catch-up.ts); until then searches read the rows marked
 * in search_pending directly, as they always have for pushed changes. With a whole set marked
 * (100k rows), a search must find whether a row is marked by an index, not by a scan per row.
 */
export default [
  ...searched.map(
    (table) => `DROP TRIGGER ${table}_search_flush;\nDROP TRIGGER ${table}_search_flush_again;`
  ),
  'CREATE INDEX search_pending_key ON search_pending(tbl, account_id, key);'
].join('\n')
