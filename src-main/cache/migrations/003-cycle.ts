/**
 * 3: Cycle hubs. Identified by the platform's 24-hex ids (kept in `key`, like every keyed table).
 */
export default `
  CREATE TABLE cycle_images (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    state        TEXT NOT NULL,
    size         INTEGER NOT NULL,
    source_id    TEXT NOT NULL,
    source_type  TEXT NOT NULL,
    creator      TEXT NOT NULL,
    containers   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    error        TEXT,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX cycle_images_name ON cycle_images(name, key, account_id);
  CREATE INDEX cycle_images_source ON cycle_images(source_id, name);

  CREATE TABLE cycle_sources (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    origin       TEXT NOT NULL,
    state        TEXT NOT NULL,
    images       INTEGER NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;

  CREATE TABLE cycle_jobs (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    id           TEXT NOT NULL,
    caption      TEXT NOT NULL,
    queue        TEXT NOT NULL,
    state        TEXT NOT NULL,
    error        TEXT,
    queued_at    TEXT,
    completed_at TEXT,
    progress     REAL NOT NULL,
    tasks        TEXT NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX cycle_jobs_queued ON cycle_jobs(queued_at, key, account_id);

  CREATE TABLE cycle_build_logs (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    image_id   TEXT NOT NULL,
    log        TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, image_id)
  ) WITHOUT ROWID;
  `
