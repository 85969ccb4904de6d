import { openSqlite, type Db, type OpenOptions } from '../cache/db'

/**
 * What the user made lives apart from what the servers said: accounts and jobs (the durable
 * outbox of actions) are in their own file, so clearing or rebuilding the cache never touches them.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE accounts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL UNIQUE,
    url        TEXT NOT NULL,
    protocol   TEXT,
    -- The credential, sealed by the vault (safeStorage or the headless key file): never clear text.
    sealed     TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    account_id  TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    -- What the action needs, and what resuming it needs (ids the platform gave), as JSON.
    args        TEXT NOT NULL,
    title       TEXT NOT NULL,
    state       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    started_at  INTEGER,
    finished_at INTEGER,
    error       TEXT,
    progress    REAL,
    remote_job_id TEXT
  );
  CREATE INDEX jobs_account_state ON jobs(account_id, state, seq);

  CREATE TABLE job_log (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    at     INTEGER NOT NULL,
    text   TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
  ) WITHOUT ROWID;
  `,
  `
  -- One JSON document, validated on read: a setting from a newer or damaged file falls back to
  -- its default instead of stopping the app.
  CREATE TABLE settings (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value TEXT NOT NULL
  );

  -- The in-app notification history (what was shown, or would have been while paused).
  CREATE TABLE notifications (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    level  TEXT NOT NULL,
    title  TEXT NOT NULL,
    body   TEXT NOT NULL,
    count  INTEGER NOT NULL,
    target TEXT NOT NULL,
    read   INTEGER NOT NULL DEFAULT 0
  );
  `
]

export const openStateDatabase = (file: string, options: OpenOptions = {}): Db =>
  openSqlite(file, { label: 'state file', migrations, synchronous: 'FULL' }, options)
