import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase } from '../../src-main/cache/db'
import { startIntegrityCheck } from '../../src-main/cache/integrity-check'
import { damageMarkerOf, openCacheChecked } from '../../src-main/cache/recover'
import { tempDir } from '../support/temp-dir'

/** Overwrites part of the file with noise, as a failing disk or an interrupted copy would. */
function damage(file: string, at: number, length: number): void {
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, at)
  closeSync(fd)
}

describe('the background integrity check', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  /** A cache of some hundred pages, checkpointed so that every page is in the main file. */
  const filled = (): string => {
    const file = `${dir.path}/cache.sqlite`
    const db = openDatabase(file)
    upsertAccount(db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)')
    db.exec('CREATE INDEX filler_text ON filler (text)')
    const insert = db.prepare('INSERT INTO filler (text) VALUES (?)')
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(200)}`)
    })()
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    return file
  }

  it('finds a healthy cache healthy and leaves no marker', async () => {
    const file = filled()
    await expect(startIntegrityCheck(file).done).resolves.toEqual({ state: 'ok' })
    expect(existsSync(damageMarkerOf(file))).toBe(false)
  })

  it('catches damage the start-up check let through; the next start moves the cache aside', async () => {
    const file = filled()
    // Above the size up to which start-up walks every page: start-up opens the file as it is.
    const limit = statSync(file).size - 1
    damage(file, 16_384, 16_384)
    const started = openCacheChecked(file, {}, 1, limit)
    expect(started.recoveredFrom).toBeNull()
    started.db.close()

    const outcome = await startIntegrityCheck(file).done
    expect(outcome).toMatchObject({ state: 'damaged' })
    expect(existsSync(damageMarkerOf(file))).toBe(true)

    const next = openCacheChecked(file, {}, 4321, limit)
    expect(next.recoveredFrom).toBe(`${file}.damaged-4321`)
    expect(next.damage).toMatch(/background integrity check failed/)
    expect(existsSync(`${file}.damaged-4321`)).toBe(true)
    expect(existsSync(damageMarkerOf(file))).toBe(false)
    expect(next.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(next.db.prepare('SELECT COUNT(*) FROM accounts').pluck().get()).toBe(0)
    next.db.close()
  })

  it('walks every page at start-up while the cache is small', () => {
    const file = filled()
    damage(file, 16_384, 16_384)
    const { db, recoveredFrom } = openCacheChecked(file, {}, 7)
    expect(recoveredFrom).toBe(`${file}.damaged-7`)
    db.close()
  })

  it('does nothing when stopped before its delay ran out', async () => {
    const file = filled()
    damage(file, 16_384, 16_384)
    const check = startIntegrityCheck(file, { delayMs: 60_000 })
    await check.stop()
    await expect(check.done).resolves.toEqual({ state: 'stopped' })
    expect(existsSync(damageMarkerOf(file))).toBe(false)
  })

  it('says it could not run when the file is missing, and marks nothing', async () => {
    const file = `${dir.path}/absent.sqlite`
    await expect(startIntegrityCheck(file).done).resolves.toMatchObject({ state: 'failed' })
    expect(existsSync(damageMarkerOf(file))).toBe(false)
  })
})
