/** Migration 5, nodes and pods: row counts, search rows, trigram index and the triggers keeping them. */
export default `
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
`
