/** Migration 5, services and load balancers: row counts, search rows, trigram index and the triggers keeping them. */
export default `
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
`
