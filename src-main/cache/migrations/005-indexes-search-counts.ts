/**
 * 5: every query a user can make walks an index. One index per offered sort (ending in the
 * list's tiebreak, then the columns a list filters on, so a filtered walk never reads the row);
 * row counts per filter value kept by triggers, so a total is a sum over a few rows, never a
 * scan; and a trigram index of the searched columns. The tables have no rowid, so a *_search
 * table numbers their rows for FTS5. Triggers rather than code keep all of it in step with any
 * writer, whichever connection or thread it runs on.
 */
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

  INSERT INTO row_counts (tbl, account_id, f1, f2, n)
    SELECT 'nodes', account_id, cluster, state, COUNT(*) FROM nodes GROUP BY 1, 2, 3, 4;
  CREATE TRIGGER nodes_count_insert AFTER INSERT ON nodes BEGIN
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('nodes', new.account_id, new.cluster, new.state, 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER nodes_count_delete AFTER DELETE ON nodes BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'nodes' AND account_id = old.account_id AND f1 = old.cluster AND f2 = old.state;
    DELETE FROM row_counts
      WHERE tbl = 'nodes' AND account_id = old.account_id AND f1 = old.cluster AND f2 = old.state
        AND n <= 0;
  END;
  CREATE TRIGGER nodes_count_update AFTER UPDATE OF cluster, state ON nodes
    WHEN old.cluster IS NOT new.cluster OR old.state IS NOT new.state BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'nodes' AND account_id = old.account_id AND f1 = old.cluster AND f2 = old.state;
    DELETE FROM row_counts
      WHERE tbl = 'nodes' AND account_id = old.account_id AND f1 = old.cluster AND f2 = old.state
        AND n <= 0;
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('nodes', new.account_id, new.cluster, new.state, 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;

  CREATE TABLE nodes_search (
    sid        INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    key        TEXT NOT NULL,
    UNIQUE (account_id, key)
  );
  CREATE VIRTUAL TABLE nodes_fts USING fts5(
    name, cluster, state, address, image,
    tokenize = 'trigram', content = '', contentless_delete = 1
  );
  INSERT INTO nodes_search (account_id, key) SELECT account_id, name FROM nodes;
  INSERT INTO nodes_fts (rowid, name, cluster, state, address, image)
    SELECT s.sid, t.name, t.cluster, t.state, t.address, t.image FROM nodes t
    JOIN nodes_search s ON s.account_id = t.account_id AND s.key = t.name;
  CREATE TRIGGER nodes_search_insert AFTER INSERT ON nodes BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('nodes', new.account_id, new.name);
  END;
  CREATE TRIGGER nodes_search_delete AFTER DELETE ON nodes BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('nodes', old.account_id, old.name);
  END;
  CREATE TRIGGER nodes_search_update AFTER UPDATE OF name, cluster, state, address, image ON nodes
    WHEN old.name IS NOT new.name OR old.cluster IS NOT new.cluster OR old.state IS NOT new.state OR old.address IS NOT new.address OR old.image IS NOT new.image BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('nodes', new.account_id, new.name);
  END;
  CREATE TRIGGER nodes_search_flush AFTER INSERT ON sync_state WHEN new.resource = 'nodes' BEGIN
    DELETE FROM nodes_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN nodes_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'nodes');
    DELETE FROM nodes_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN nodes_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'nodes'
        AND NOT EXISTS (SELECT 1 FROM nodes t WHERE t.account_id = p.account_id AND t.name = p.key));
    INSERT INTO nodes_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN nodes t ON t.account_id = p.account_id AND t.name = p.key WHERE p.tbl = 'nodes'
        AND NOT EXISTS (SELECT 1 FROM nodes_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO nodes_fts (rowid, name, cluster, state, address, image)
      SELECT s.sid, t.name, t.cluster, t.state, t.address, t.image FROM nodes_search s
      JOIN nodes t ON t.account_id = s.account_id AND t.name = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN nodes_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'nodes');
    DELETE FROM search_pending WHERE tbl = 'nodes';
  END;
  CREATE TRIGGER nodes_search_flush_again AFTER UPDATE ON sync_state WHEN new.resource = 'nodes' BEGIN
    DELETE FROM nodes_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN nodes_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'nodes');
    DELETE FROM nodes_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN nodes_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'nodes'
        AND NOT EXISTS (SELECT 1 FROM nodes t WHERE t.account_id = p.account_id AND t.name = p.key));
    INSERT INTO nodes_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN nodes t ON t.account_id = p.account_id AND t.name = p.key WHERE p.tbl = 'nodes'
        AND NOT EXISTS (SELECT 1 FROM nodes_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO nodes_fts (rowid, name, cluster, state, address, image)
      SELECT s.sid, t.name, t.cluster, t.state, t.address, t.image FROM nodes_search s
      JOIN nodes t ON t.account_id = s.account_id AND t.name = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN nodes_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'nodes');
    DELETE FROM search_pending WHERE tbl = 'nodes';
  END;

  INSERT INTO row_counts (tbl, account_id, f1, f2, n)
    SELECT 'pods', account_id, cluster, '', COUNT(*) FROM pods GROUP BY 1, 2, 3, 4;
  CREATE TRIGGER pods_count_insert AFTER INSERT ON pods BEGIN
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('pods', new.account_id, new.cluster, '', 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER pods_count_delete AFTER DELETE ON pods BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'pods' AND account_id = old.account_id AND f1 = old.cluster AND f2 = '';
    DELETE FROM row_counts
      WHERE tbl = 'pods' AND account_id = old.account_id AND f1 = old.cluster AND f2 = ''
        AND n <= 0;
  END;
  CREATE TRIGGER pods_count_update AFTER UPDATE OF cluster ON pods
    WHEN old.cluster IS NOT new.cluster BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'pods' AND account_id = old.account_id AND f1 = old.cluster AND f2 = '';
    DELETE FROM row_counts
      WHERE tbl = 'pods' AND account_id = old.account_id AND f1 = old.cluster AND f2 = ''
        AND n <= 0;
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('pods', new.account_id, new.cluster, '', 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;

  CREATE TABLE pods_search (
    sid        INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    key        TEXT NOT NULL,
    UNIQUE (account_id, key)
  );
  CREATE VIRTUAL TABLE pods_fts USING fts5(
    name, namespace, status, node,
    tokenize = 'trigram', content = '', contentless_delete = 1
  );
  INSERT INTO pods_search (account_id, key) SELECT account_id, key FROM pods;
  INSERT INTO pods_fts (rowid, name, namespace, status, node)
    SELECT s.sid, t.name, t.namespace, t.status, t.node FROM pods t
    JOIN pods_search s ON s.account_id = t.account_id AND s.key = t.key;
  CREATE TRIGGER pods_search_insert AFTER INSERT ON pods BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('pods', new.account_id, new.key);
  END;
  CREATE TRIGGER pods_search_delete AFTER DELETE ON pods BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('pods', old.account_id, old.key);
  END;
  CREATE TRIGGER pods_search_update AFTER UPDATE OF name, namespace, status, node ON pods
    WHEN old.name IS NOT new.name OR old.namespace IS NOT new.namespace OR old.status IS NOT new.status OR old.node IS NOT new.node BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('pods', new.account_id, new.key);
  END;
  CREATE TRIGGER pods_search_flush AFTER INSERT ON sync_state WHEN new.resource = 'pods' BEGIN
    DELETE FROM pods_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN pods_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'pods');
    DELETE FROM pods_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN pods_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'pods'
        AND NOT EXISTS (SELECT 1 FROM pods t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO pods_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN pods t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'pods'
        AND NOT EXISTS (SELECT 1 FROM pods_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO pods_fts (rowid, name, namespace, status, node)
      SELECT s.sid, t.name, t.namespace, t.status, t.node FROM pods_search s
      JOIN pods t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN pods_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'pods');
    DELETE FROM search_pending WHERE tbl = 'pods';
  END;
  CREATE TRIGGER pods_search_flush_again AFTER UPDATE ON sync_state WHEN new.resource = 'pods' BEGIN
    DELETE FROM pods_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN pods_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'pods');
    DELETE FROM pods_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN pods_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'pods'
        AND NOT EXISTS (SELECT 1 FROM pods t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO pods_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN pods t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'pods'
        AND NOT EXISTS (SELECT 1 FROM pods_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO pods_fts (rowid, name, namespace, status, node)
      SELECT s.sid, t.name, t.namespace, t.status, t.node FROM pods_search s
      JOIN pods t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN pods_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'pods');
    DELETE FROM search_pending WHERE tbl = 'pods';
  END;

  INSERT INTO row_counts (tbl, account_id, f1, f2, n)
    SELECT 'services', account_id, cluster, '', COUNT(*) FROM services GROUP BY 1, 2, 3, 4;
  CREATE TRIGGER services_count_insert AFTER INSERT ON services BEGIN
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('services', new.account_id, new.cluster, '', 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER services_count_delete AFTER DELETE ON services BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'services' AND account_id = old.account_id AND f1 = old.cluster AND f2 = '';
    DELETE FROM row_counts
      WHERE tbl = 'services' AND account_id = old.account_id AND f1 = old.cluster AND f2 = ''
        AND n <= 0;
  END;
  CREATE TRIGGER services_count_update AFTER UPDATE OF cluster ON services
    WHEN old.cluster IS NOT new.cluster BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'services' AND account_id = old.account_id AND f1 = old.cluster AND f2 = '';
    DELETE FROM row_counts
      WHERE tbl = 'services' AND account_id = old.account_id AND f1 = old.cluster AND f2 = ''
        AND n <= 0;
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('services', new.account_id, new.cluster, '', 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;

  CREATE TABLE services_search (
    sid        INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    key        TEXT NOT NULL,
    UNIQUE (account_id, key)
  );
  CREATE VIRTUAL TABLE services_fts USING fts5(
    name, namespace, type, address, external_address,
    tokenize = 'trigram', content = '', contentless_delete = 1
  );
  INSERT INTO services_search (account_id, key) SELECT account_id, key FROM services;
  INSERT INTO services_fts (rowid, name, namespace, type, address, external_address)
    SELECT s.sid, t.name, t.namespace, t.type, t.address, t.external_address FROM services t
    JOIN services_search s ON s.account_id = t.account_id AND s.key = t.key;
  CREATE TRIGGER services_search_insert AFTER INSERT ON services BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('services', new.account_id, new.key);
  END;
  CREATE TRIGGER services_search_delete AFTER DELETE ON services BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('services', old.account_id, old.key);
  END;
  CREATE TRIGGER services_search_update AFTER UPDATE OF name, namespace, type, address, external_address ON services
    WHEN old.name IS NOT new.name OR old.namespace IS NOT new.namespace OR old.type IS NOT new.type OR old.address IS NOT new.address OR old.external_address IS NOT new.external_address BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('services', new.account_id, new.key);
  END;
  CREATE TRIGGER services_search_flush AFTER INSERT ON sync_state WHEN new.resource = 'services' BEGIN
    DELETE FROM services_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN services_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'services');
    DELETE FROM services_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN services_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'services'
        AND NOT EXISTS (SELECT 1 FROM services t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO services_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN services t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'services'
        AND NOT EXISTS (SELECT 1 FROM services_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO services_fts (rowid, name, namespace, type, address, external_address)
      SELECT s.sid, t.name, t.namespace, t.type, t.address, t.external_address FROM services_search s
      JOIN services t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN services_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'services');
    DELETE FROM search_pending WHERE tbl = 'services';
  END;
  CREATE TRIGGER services_search_flush_again AFTER UPDATE ON sync_state WHEN new.resource = 'services' BEGIN
    DELETE FROM services_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN services_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'services');
    DELETE FROM services_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN services_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'services'
        AND NOT EXISTS (SELECT 1 FROM services t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO services_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN services t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'services'
        AND NOT EXISTS (SELECT 1 FROM services_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO services_fts (rowid, name, namespace, type, address, external_address)
      SELECT s.sid, t.name, t.namespace, t.type, t.address, t.external_address FROM services_search s
      JOIN services t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN services_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'services');
    DELETE FROM search_pending WHERE tbl = 'services';
  END;

  INSERT INTO row_counts (tbl, account_id, f1, f2, n)
    SELECT 'load_balancers', account_id, cluster, '', COUNT(*) FROM load_balancers GROUP BY 1, 2, 3, 4;
  CREATE TRIGGER load_balancers_count_insert AFTER INSERT ON load_balancers BEGIN
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('load_balancers', new.account_id, new.cluster, '', 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER load_balancers_count_delete AFTER DELETE ON load_balancers BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'load_balancers' AND account_id = old.account_id AND f1 = old.cluster AND f2 = '';
    DELETE FROM row_counts
      WHERE tbl = 'load_balancers' AND account_id = old.account_id AND f1 = old.cluster AND f2 = ''
        AND n <= 0;
  END;
  CREATE TRIGGER load_balancers_count_update AFTER UPDATE OF cluster ON load_balancers
    WHEN old.cluster IS NOT new.cluster BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'load_balancers' AND account_id = old.account_id AND f1 = old.cluster AND f2 = '';
    DELETE FROM row_counts
      WHERE tbl = 'load_balancers' AND account_id = old.account_id AND f1 = old.cluster AND f2 = ''
        AND n <= 0;
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('load_balancers', new.account_id, new.cluster, '', 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;

  CREATE TABLE load_balancers_search (
    sid        INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    key        TEXT NOT NULL,
    UNIQUE (account_id, key)
  );
  CREATE VIRTUAL TABLE load_balancers_fts USING fts5(
    vip, rip, node, state,
    tokenize = 'trigram', content = '', contentless_delete = 1
  );
  INSERT INTO load_balancers_search (account_id, key) SELECT account_id, key FROM load_balancers;
  INSERT INTO load_balancers_fts (rowid, vip, rip, node, state)
    SELECT s.sid, t.vip, t.rip, t.node, t.state FROM load_balancers t
    JOIN load_balancers_search s ON s.account_id = t.account_id AND s.key = t.key;
  CREATE TRIGGER load_balancers_search_insert AFTER INSERT ON load_balancers BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('load_balancers', new.account_id, new.key);
  END;
  CREATE TRIGGER load_balancers_search_delete AFTER DELETE ON load_balancers BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('load_balancers', old.account_id, old.key);
  END;
  CREATE TRIGGER load_balancers_search_update AFTER UPDATE OF vip, rip, node, state ON load_balancers
    WHEN old.vip IS NOT new.vip OR old.rip IS NOT new.rip OR old.node IS NOT new.node OR old.state IS NOT new.state BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('load_balancers', new.account_id, new.key);
  END;
  CREATE TRIGGER load_balancers_search_flush AFTER INSERT ON sync_state WHEN new.resource = 'loadBalancers' BEGIN
    DELETE FROM load_balancers_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN load_balancers_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'load_balancers');
    DELETE FROM load_balancers_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN load_balancers_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'load_balancers'
        AND NOT EXISTS (SELECT 1 FROM load_balancers t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO load_balancers_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN load_balancers t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'load_balancers'
        AND NOT EXISTS (SELECT 1 FROM load_balancers_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO load_balancers_fts (rowid, vip, rip, node, state)
      SELECT s.sid, t.vip, t.rip, t.node, t.state FROM load_balancers_search s
      JOIN load_balancers t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN load_balancers_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'load_balancers');
    DELETE FROM search_pending WHERE tbl = 'load_balancers';
  END;
  CREATE TRIGGER load_balancers_search_flush_again AFTER UPDATE ON sync_state WHEN new.resource = 'loadBalancers' BEGIN
    DELETE FROM load_balancers_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN load_balancers_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'load_balancers');
    DELETE FROM load_balancers_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN load_balancers_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'load_balancers'
        AND NOT EXISTS (SELECT 1 FROM load_balancers t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO load_balancers_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN load_balancers t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'load_balancers'
        AND NOT EXISTS (SELECT 1 FROM load_balancers_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO load_balancers_fts (rowid, vip, rip, node, state)
      SELECT s.sid, t.vip, t.rip, t.node, t.state FROM load_balancers_search s
      JOIN load_balancers t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN load_balancers_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'load_balancers');
    DELETE FROM search_pending WHERE tbl = 'load_balancers';
  END;

  INSERT INTO row_counts (tbl, account_id, f1, f2, n)
    SELECT 'cycle_images', account_id, source_id, state, COUNT(*) FROM cycle_images GROUP BY 1, 2, 3, 4;
  CREATE TRIGGER cycle_images_count_insert AFTER INSERT ON cycle_images BEGIN
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('cycle_images', new.account_id, new.source_id, new.state, 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER cycle_images_count_delete AFTER DELETE ON cycle_images BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'cycle_images' AND account_id = old.account_id AND f1 = old.source_id AND f2 = old.state;
    DELETE FROM row_counts
      WHERE tbl = 'cycle_images' AND account_id = old.account_id AND f1 = old.source_id AND f2 = old.state
        AND n <= 0;
  END;
  CREATE TRIGGER cycle_images_count_update AFTER UPDATE OF source_id, state ON cycle_images
    WHEN old.source_id IS NOT new.source_id OR old.state IS NOT new.state BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'cycle_images' AND account_id = old.account_id AND f1 = old.source_id AND f2 = old.state;
    DELETE FROM row_counts
      WHERE tbl = 'cycle_images' AND account_id = old.account_id AND f1 = old.source_id AND f2 = old.state
        AND n <= 0;
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('cycle_images', new.account_id, new.source_id, new.state, 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;

  CREATE TABLE cycle_images_search (
    sid        INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    key        TEXT NOT NULL,
    UNIQUE (account_id, key)
  );
  CREATE VIRTUAL TABLE cycle_images_fts USING fts5(
    name, id, state,
    tokenize = 'trigram', content = '', contentless_delete = 1
  );
  INSERT INTO cycle_images_search (account_id, key) SELECT account_id, key FROM cycle_images;
  INSERT INTO cycle_images_fts (rowid, name, id, state)
    SELECT s.sid, t.name, t.id, t.state FROM cycle_images t
    JOIN cycle_images_search s ON s.account_id = t.account_id AND s.key = t.key;
  CREATE TRIGGER cycle_images_search_insert AFTER INSERT ON cycle_images BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('cycle_images', new.account_id, new.key);
  END;
  CREATE TRIGGER cycle_images_search_delete AFTER DELETE ON cycle_images BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('cycle_images', old.account_id, old.key);
  END;
  CREATE TRIGGER cycle_images_search_update AFTER UPDATE OF name, id, state ON cycle_images
    WHEN old.name IS NOT new.name OR old.id IS NOT new.id OR old.state IS NOT new.state BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('cycle_images', new.account_id, new.key);
  END;
  CREATE TRIGGER cycle_images_search_flush AFTER INSERT ON sync_state WHEN new.resource = 'cycleImages' BEGIN
    DELETE FROM cycle_images_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN cycle_images_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_images');
    DELETE FROM cycle_images_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN cycle_images_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_images'
        AND NOT EXISTS (SELECT 1 FROM cycle_images t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO cycle_images_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN cycle_images t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'cycle_images'
        AND NOT EXISTS (SELECT 1 FROM cycle_images_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO cycle_images_fts (rowid, name, id, state)
      SELECT s.sid, t.name, t.id, t.state FROM cycle_images_search s
      JOIN cycle_images t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN cycle_images_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_images');
    DELETE FROM search_pending WHERE tbl = 'cycle_images';
  END;
  CREATE TRIGGER cycle_images_search_flush_again AFTER UPDATE ON sync_state WHEN new.resource = 'cycleImages' BEGIN
    DELETE FROM cycle_images_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN cycle_images_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_images');
    DELETE FROM cycle_images_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN cycle_images_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_images'
        AND NOT EXISTS (SELECT 1 FROM cycle_images t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO cycle_images_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN cycle_images t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'cycle_images'
        AND NOT EXISTS (SELECT 1 FROM cycle_images_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO cycle_images_fts (rowid, name, id, state)
      SELECT s.sid, t.name, t.id, t.state FROM cycle_images_search s
      JOIN cycle_images t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN cycle_images_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_images');
    DELETE FROM search_pending WHERE tbl = 'cycle_images';
  END;

  INSERT INTO row_counts (tbl, account_id, f1, f2, n)
    SELECT 'cycle_jobs', account_id, '', '', COUNT(*) FROM cycle_jobs GROUP BY 1, 2, 3, 4;
  CREATE TRIGGER cycle_jobs_count_insert AFTER INSERT ON cycle_jobs BEGIN
    INSERT INTO row_counts (tbl, account_id, f1, f2, n)
      VALUES ('cycle_jobs', new.account_id, '', '', 1)
      ON CONFLICT (tbl, account_id, f1, f2) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER cycle_jobs_count_delete AFTER DELETE ON cycle_jobs BEGIN
    UPDATE row_counts SET n = n - 1
      WHERE tbl = 'cycle_jobs' AND account_id = old.account_id AND f1 = '' AND f2 = '';
    DELETE FROM row_counts
      WHERE tbl = 'cycle_jobs' AND account_id = old.account_id AND f1 = '' AND f2 = ''
        AND n <= 0;
  END;

  CREATE TABLE cycle_jobs_search (
    sid        INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    key        TEXT NOT NULL,
    UNIQUE (account_id, key)
  );
  CREATE VIRTUAL TABLE cycle_jobs_fts USING fts5(
    caption, id, state,
    tokenize = 'trigram', content = '', contentless_delete = 1
  );
  INSERT INTO cycle_jobs_search (account_id, key) SELECT account_id, key FROM cycle_jobs;
  INSERT INTO cycle_jobs_fts (rowid, caption, id, state)
    SELECT s.sid, t.caption, t.id, t.state FROM cycle_jobs t
    JOIN cycle_jobs_search s ON s.account_id = t.account_id AND s.key = t.key;
  CREATE TRIGGER cycle_jobs_search_insert AFTER INSERT ON cycle_jobs BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('cycle_jobs', new.account_id, new.key);
  END;
  CREATE TRIGGER cycle_jobs_search_delete AFTER DELETE ON cycle_jobs BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('cycle_jobs', old.account_id, old.key);
  END;
  CREATE TRIGGER cycle_jobs_search_update AFTER UPDATE OF caption, id, state ON cycle_jobs
    WHEN old.caption IS NOT new.caption OR old.id IS NOT new.id OR old.state IS NOT new.state BEGIN
    INSERT INTO search_pending (tbl, account_id, key)
      VALUES ('cycle_jobs', new.account_id, new.key);
  END;
  CREATE TRIGGER cycle_jobs_search_flush AFTER INSERT ON sync_state WHEN new.resource = 'cycleJobs' BEGIN
    DELETE FROM cycle_jobs_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN cycle_jobs_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_jobs');
    DELETE FROM cycle_jobs_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN cycle_jobs_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_jobs'
        AND NOT EXISTS (SELECT 1 FROM cycle_jobs t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO cycle_jobs_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN cycle_jobs t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'cycle_jobs'
        AND NOT EXISTS (SELECT 1 FROM cycle_jobs_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO cycle_jobs_fts (rowid, caption, id, state)
      SELECT s.sid, t.caption, t.id, t.state FROM cycle_jobs_search s
      JOIN cycle_jobs t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN cycle_jobs_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_jobs');
    DELETE FROM search_pending WHERE tbl = 'cycle_jobs';
  END;
  CREATE TRIGGER cycle_jobs_search_flush_again AFTER UPDATE ON sync_state WHEN new.resource = 'cycleJobs' BEGIN
    DELETE FROM cycle_jobs_fts WHERE rowid IN (
      SELECT s.sid FROM search_pending p
      JOIN cycle_jobs_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_jobs');
    DELETE FROM cycle_jobs_search WHERE sid IN (
      SELECT s.sid FROM search_pending p
      JOIN cycle_jobs_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_jobs'
        AND NOT EXISTS (SELECT 1 FROM cycle_jobs t WHERE t.account_id = p.account_id AND t.key = p.key));
    INSERT INTO cycle_jobs_search (account_id, key)
      SELECT DISTINCT p.account_id, p.key FROM search_pending p
      JOIN cycle_jobs t ON t.account_id = p.account_id AND t.key = p.key WHERE p.tbl = 'cycle_jobs'
        AND NOT EXISTS (SELECT 1 FROM cycle_jobs_search s WHERE s.account_id = p.account_id AND s.key = p.key);
    INSERT INTO cycle_jobs_fts (rowid, caption, id, state)
      SELECT s.sid, t.caption, t.id, t.state FROM cycle_jobs_search s
      JOIN cycle_jobs t ON t.account_id = s.account_id AND t.key = s.key
      WHERE s.sid IN (SELECT s.sid FROM search_pending p
      JOIN cycle_jobs_search s ON s.account_id = p.account_id AND s.key = p.key WHERE p.tbl = 'cycle_jobs');
    DELETE FROM search_pending WHERE tbl = 'cycle_jobs';
  END;
  `
