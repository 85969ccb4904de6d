import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CACHE_PAGE_SIZE, openDatabase } from '../../src-main/cache/db'
import { migrations } from '../../src-main/cache/migrations'
import { tempDir } from '../support/temp-dir'

describe('cache page size', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => (dir = tempDir()))
  afterEach(() => dir.remove())

  it('gives a new cache file 16 KiB pages, kept when it is opened again', () => {
    const file = `${dir.path}/cache.sqlite`
    const db = openDatabase(file)
    expect(CACHE_PAGE_SIZE).toBe(16384)
    expect(db.pragma('page_size', { simple: true })).toBe(16384)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
    const again = openDatabase(file)
    expect(again.pragma('page_size', { simple: true })).toBe(16384)
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length)
    again.close()
  })

  it('leaves a cache made with other pages as it is', () => {
    const file = `${dir.path}/cache.sqlite`
    const old = new Database(file)
    old.pragma('page_size = 4096')
    old.pragma('journal_mode = WAL')
    old.exec('CREATE TABLE before_16k (x)')
    old.close()
    const db = openDatabase(file)
    expect(db.pragma('page_size', { simple: true })).toBe(4096)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    db.close()
  })
})
