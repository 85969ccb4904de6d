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

/** The state file cannot be used; the message is one line naming it and what to do. */
export class StateFileError extends Error {}

/**
 * Opens the state file and checks it whole. Unlike the cache it is never replaced when damaged:
 * it holds what only the user has (stored accounts, queued actions), so the user decides.
 */
export function openStateDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db | null = null
  try {
    db = openSqlite(file, { label: 'state file', migrations, synchronous: 'FULL' }, options)
    const check = db.pragma('quick_check') as Array<{ quick_check: string }>
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
      throw Object.assign(new Error(check[0]?.quick_check ?? 'quick check failed'), {
        code: 'SQLITE_CORRUPT'
      })
    }
    return db
  } catch (error) {
    db?.close()
    throw new StateFileError(explain(file, error))
  }
}

const KEEP =
  'restore it from a backup, or move it aside to start without your stored accounts and queued actions'

function explain(file: string, error: unknown): string {
  const code = (error as { code?: unknown }).code
  const message = (error as Error).message?.split('\n')[0] ?? String(error)
  if (/newer Berth/.test(message)) {
    return `The state file ${file} was written by a newer Berth (${message.replace(/^.*\(|\)$/g, '')}): use that newer Berth, or move the file aside to start without its accounts and queued actions.`
  }
  // Extended codes (SQLITE_CANTOPEN_ISDIR) are read as their primary code.
  const primary = typeof code === 'string' ? code.split('_').slice(0, 2).join('_') : ''
  switch (primary) {
    case 'SQLITE_NOTADB':
      return `The state file ${file} is not a database: ${KEEP}.`
    case 'SQLITE_CORRUPT':
      return `The state file ${file} is damaged (${message}): ${KEEP}.`
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return `Berth cannot open the state file ${file} for reading and writing (${message}): make it a file this user can read and write.`
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `The state file ${file} is locked by another program (${message}): close that program and start Berth again.`
    case 'SQLITE_IOERR':
      return `Berth cannot read or write the state file ${file} (${message}): check the disk it is on.`
    case 'SQLITE_FULL':
      return `The disk holding the state file ${file} is full: free some space and start Berth again.`
    default:
      return `Berth cannot use the state file ${file}: ${message}.`
  }
}
