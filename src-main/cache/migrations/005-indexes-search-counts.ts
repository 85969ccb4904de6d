import nodesPods from './005-qbo-nodes-pods'
import servicesBalancers from './005-qbo-services-load-balancers'
import cycle from './005-cycle-images-jobs'

/**
 * 5: every query a user can make walks an index. One index per offered sort (ending in the
 * list's tiebreak, then the columns a list filters on, so a filtered walk never reads the row);
 * row counts per filter value kept by triggers, so a total is a sum over a few rows, never a
 * scan; and a trigram index of the searched columns. The tables have no rowid, so a *_search
 * table numbers their rows for FTS5. Triggers rather than code keep all of it in step with any
 * writer, whichever connection or thread it runs on.
 */
// In four parts that join to the text that shipped, byte for byte (a migration never changes).
export default `
  CREATE INDEX nodes_address ON nodes(address, name, account_id, cluster);
  CREATE INDEX nodes_image ON nodes(image, name, account_id, cluster);
  CREATE INDEX pods_namespace ON pods(namespace, name, account_id, key, cluster);
  CREATE INDEX pods_status ON pods(status, name, account_id, key, cluster);
  CREATE INDEX pods_node ON pods(node, name, account_id, key, cluster);
  CREATE INDEX services_namespace ON services(namespace, name, account_id, key, cluster);
  CREATE INDEX services_type ON services(type, name, account_id, key, cluster);
  CREATE INDEX load_balancers_vip ON load_balancers(vip, account_id, key, cluster);
  CREATE INDEX load_balancers_rip ON load_balancers(rip, vip, account_id, key, cluster);
  CREATE INDEX load_balancers_state ON load_balancers(state, vip, account_id, key, cluster);
  CREATE INDEX load_balancers_node ON load_balancers(node, vip, account_id, key, cluster);
  DROP INDEX cycle_images_name;
  CREATE INDEX cycle_images_name ON cycle_images(name, key, account_id, state, source_id);
  CREATE INDEX cycle_images_state ON cycle_images(state, name, key, account_id, source_id);
  CREATE INDEX cycle_images_size ON cycle_images(size, name, key, account_id, state, source_id);
  CREATE INDEX cycle_images_created ON cycle_images(created_at, name, key, account_id, state, source_id);
  CREATE INDEX cycle_images_containers ON cycle_images(containers, name, key, account_id, state, source_id);
  CREATE INDEX cycle_jobs_caption ON cycle_jobs(caption, queued_at, key, account_id);
  CREATE INDEX cycle_jobs_state ON cycle_jobs(state, queued_at, key, account_id);

  -- n rows of table tbl in the account with f1/f2 (the table's filter columns, '' if none).
  CREATE TABLE row_counts (
    tbl        TEXT NOT NULL,
    account_id TEXT NOT NULL,
    f1         TEXT NOT NULL,
    f2         TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (tbl, account_id, f1, f2)
  ) WITHOUT ROWID;

  -- Rows whose trigram entry is stale (added, changed or removed since; a row may be marked more
  -- than once, as appending is the cheapest mark). FTS5 flushes its buffer at every statement a
  -- trigger runs in, so a per-row trigger into it costs ~7x a batch: rows are marked here and
  -- indexed in one batch when their set's sync is recorded in sync_state; searches read marked
  -- rows directly until then. (A trigger's own OR IGNORE gives way to its statement's conflict
  -- policy, hence NOT EXISTS below.)
  CREATE TABLE search_pending (
    tbl        TEXT NOT NULL,
    account_id TEXT NOT NULL,
    key        TEXT NOT NULL
  );
` +
  nodesPods +
  servicesBalancers +
  cycle +
  '\n  '
