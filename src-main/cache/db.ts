import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrations } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Where the native addon lives when it is not the one under node_modules (Electron's ABI). */
  nativeBinding?: string
}

/** Opens (creating if needed) the cache file and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  )
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new Error(
      `The cache was written by a newer Berth (schema ${current}, this build knows ${migrations.length})`
    )
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
