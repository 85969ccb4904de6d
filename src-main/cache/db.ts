import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrations } from './migrations'

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
}

/** Opens (creating if needed) a SQLite file in WAL mode and brings its schema up to date. */
export function openSqlite(file: string, spec: SqliteFile, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  )
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${spec.synchronous}`)
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, spec)
  return db
}

/** The cache: what the servers said. */
export const openDatabase = (file: string, options: OpenOptions = {}): Db =>
  openSqlite(file, { label: 'cache', migrations, synchronous: 'NORMAL' }, options)

export function migrate(
  db: Db,
  spec: Pick<SqliteFile, 'label' | 'migrations'> = { label: 'cache', migrations }
): void {
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
