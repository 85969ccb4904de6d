import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrations } from './migrations'
import { registerNaturalKey } from './natural-key'

export type Db = Database.Database

export interface OpenOptions {
  /** Where the native addon lives when it is not the one under node_modules (Electron's ABI). */
  nativeBinding?: string
}

export interface SqliteFile {
  /** What the file holds, for the error a newer schema gets. */
  label: string
  migrations: readonly string[]
  /** FULL where a lost write loses a user's action; NORMAL where the servers can resend. */
  synchronous: 'NORMAL' | 'FULL'
  /**
   * Page size of a new file. SQLite applies it only to an empty database (or at VACUUM), so a
   * file made before keeps its own.
   */
  pageSize?: number
  /**
   * SQL functions its schema is built on (generated columns), made known to the connection before
   * the migrations run: without them the connection cannot write the tables that use them.
   */
  functions?: (db: Database.Database) => void
}

/** Opens (creating if needed) a SQLite file in WAL mode and brings its schema up to date. */
export function openSqlite(file: string, spec: SqliteFile, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  )
  // Before WAL: switching to WAL writes the header, after which the page size is fixed.
  if (spec.pageSize) db.pragma(`page_size = ${spec.pageSize}`)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${spec.synchronous}`)
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, spec)
  return db
}

/**
 * 16 KiB pages for the cache: a sync of tens of thousands of rows and their indexes writes in a
 * half to four fifths of the time it takes with 4 KiB pages (fewer pages split, shallower trees).
 */
export const CACHE_PAGE_SIZE = 16384

/** The cache's schema: its migrations and the natural_key() its stored sort keys are made by. */
const cacheSchema = { label: 'cache', migrations, functions: registerNaturalKey }

/** The cache: what the servers said. */
export const openDatabase = (file: string, options: OpenOptions = {}): Db =>
  openSqlite(file, { ...cacheSchema, synchronous: 'NORMAL', pageSize: CACHE_PAGE_SIZE }, options)

export function migrate(
  db: Db,
  spec: Pick<SqliteFile, 'label' | 'migrations' | 'functions'> = cacheSchema
): void {
  spec.functions?.(db)
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > spec.migrations.length) {
    throw new Error(
      `The ${spec.label} was written by a newer Berth (schema ${current}, this build knows ${spec.migrations.length})`
    )
  }
  for (let version = current; version < spec.migrations.length; version++) {
    db.transaction(() => {
      db.exec(spec.migrations[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
