/** Migration 5, Cycle images and jobs: row counts, search rows, trigram index and the triggers keeping them. */
export default `
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
  END;`
