// Checkpoints wait for the sync worker's end (sync/checkpoints.ts): SQLite's default copies the
// WAL back into the database inside any commit that leaves it past 1000 pages, on the sync's
// critical path, and on the serving connection it would stall the UI's thread.
import { statSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import type { ClusterRecord } from '../../src-main/cache/records'
import { openDatabase } from '../../src-main/cache/db'
import { openCacheWriter, type OpenWriterOptions } from '../../src-main/sync/cache-writer'
import { deferCheckpoints, WAL_BOUND_BYTES } from '../../src-main/sync/checkpoints'
import { openStores } from '../support/agent'
import { builtFile } from '../support/build-dir'
import { tempDir } from '../support/temp-dir'

const WORKER = builtFile('main/sync-worker.js')
const NEVER = 3_600_000

/** Clusters whose rows fill ~8 MB: 2,000 pages, twice what makes SQLite checkpoint by default. */
const bulky = (n: number): ClusterRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `c${i}`,
    id: `${i}`,
    address: '',
    controlPlane: '',
    state: 'running',
    raw: { note: 'x'.repeat(300) }
  }))

describe('checkpoints and the sync worker', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function opened(options: Partial<OpenWriterOptions> = {}) {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    upsertAccount(stores.db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
    const file = `${dir.path}/cache.sqlite`
    const writer = await openCacheWriter({ file, db: stores.db, workerFile: WORKER, ...options })
    cleanups.push(() => writer.close())
    return { writer, db: stores.db, file, dir: dir.path }
  }

  const autocheckpoint = (db: { pragma(s: string, o: { simple: true }): unknown }) =>
    db.pragma('wal_autocheckpoint', { simple: true })

  it('a large write leaves the database file as it was until the worker ends, then it holds the rows', async () => {
    const { writer, db, file } = await opened({ idleMs: NEVER, heavyBytes: Infinity })
    const before = statSync(file).size
    const result = await writer.replace('a', 'clusters', bulky(20_000), 1)
    expect(result.rows).toBe(20_000)
    // Committed and readable through the WAL, but not copied into the file by the commit.
    expect(db.prepare('SELECT COUNT(*) FROM clusters').pluck().get()).toBe(20_000)
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(4 * 1024 * 1024)
    expect(statSync(file).size).toBe(before)
    await writer.close()
    expect(statSync(file).size).toBeGreaterThan(before + 4 * 1024 * 1024)
  })

  it('the serving connection never checkpoints on commit while a worker writes', async () => {
    const { db } = await opened()
    expect(autocheckpoint(db)).toBe(0)
  })

  it("the worker's connection checkpoints on commit only past WAL_BOUND_BYTES", () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const db = openDatabase(`${dir.path}/cache.sqlite`)
    cleanups.push(() => db.close())
    deferCheckpoints(db, WAL_BOUND_BYTES)
    const pageSize = db.pragma('page_size', { simple: true }) as number
    expect(autocheckpoint(db)).toBe(WAL_BOUND_BYTES / pageSize)
  })

  it('falling back from a worker that cannot start, the serving connection checkpoints again', async () => {
    const { dir, db } = await opened()
    const broken = `${dir}/broken-worker.mjs`
    writeFileSync(
      broken,
      `import { parentPort } from 'node:worker_threads'\n` +
        `parentPort.postMessage({ type: 'fatal', message: 'no cache here' })\n`
    )
    const writer = await openCacheWriter({ file: `${dir}/cache.sqlite`, db, workerFile: broken })
    cleanups.push(() => writer.close())
    expect(autocheckpoint(db)).toBe(0)
    await writer.replace('a', 'clusters', bulky(3), 1)
    expect(writer.mode).toBe('in-thread')
    expect(autocheckpoint(db)).toBe(1000)
  })
})
