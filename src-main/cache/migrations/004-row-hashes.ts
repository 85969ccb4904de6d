/**
 * 4: a content hash per row, so a refresh writes only rows whose columns or raw JSON changed.
 * NULL (rows cached before this migration) never equals a hash: the next sync rewrites them once.
 * The (account_id, key, hash) indexes let a sync read a set's hashes without reading its rows.
 */
export default `
  ALTER TABLE nodes ADD COLUMN hash TEXT;
  CREATE INDEX nodes_hash ON nodes(account_id, name, hash);
  ALTER TABLE images ADD COLUMN hash TEXT;
  CREATE INDEX images_hash ON images(account_id, name, hash);
  ALTER TABLE networks ADD COLUMN hash TEXT;
  CREATE INDEX networks_hash ON networks(account_id, name, hash);
  ALTER TABLE clusters ADD COLUMN hash TEXT;
  CREATE INDEX clusters_hash ON clusters(account_id, name, hash);
  ALTER TABLE pods ADD COLUMN hash TEXT;
  CREATE INDEX pods_hash ON pods(account_id, key, hash);
  ALTER TABLE services ADD COLUMN hash TEXT;
  CREATE INDEX services_hash ON services(account_id, key, hash);
  ALTER TABLE load_balancers ADD COLUMN hash TEXT;
  CREATE INDEX load_balancers_hash ON load_balancers(account_id, key, hash);
  ALTER TABLE cycle_images ADD COLUMN hash TEXT;
  CREATE INDEX cycle_images_hash ON cycle_images(account_id, key, hash);
  ALTER TABLE cycle_sources ADD COLUMN hash TEXT;
  CREATE INDEX cycle_sources_hash ON cycle_sources(account_id, key, hash);
  ALTER TABLE cycle_jobs ADD COLUMN hash TEXT;
  CREATE INDEX cycle_jobs_hash ON cycle_jobs(account_id, key, hash);
  `
