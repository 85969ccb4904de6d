// The sync worker a host starts before the agent's code loads (sync/early-writer.ts): the first
// writer adopts it, nothing else does, and one that died before it was wanted is never handed out.
import { writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openCacheWriter } from '../../src-main/sync/cache-writer'
import { startWriterEarly, takeEarlyWriter } from '../../src-main/sync/early-writer'
import { openStores } from '../support/agent'
import { builtFile } from '../support/build-dir'
import { tempDir } from '../support/temp-dir'

/** `npm test` builds before vitest runs, so the worker's bundle is there. */
const WORKER = builtFile('main/sync-worker.js')

describe('the sync worker started early', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    // Whatever a test left unclaimed is not carried into the next one.
    await takeEarlyWriter(WORKER)?.terminate()
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('waits for its file, then opens it and says it is ready', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    startWriterEarly(WORKER)
    const worker = takeEarlyWriter(WORKER)
    expect(worker).not.toBeNull()
    cleanups.push(() => worker!.terminate())
    // Handed out once.
    expect(takeEarlyWriter(WORKER)).toBeNull()
    const ready = once(worker!, 'message')
    worker!.postMessage({ open: { file: `${dir.path}/cache.sqlite` } })
    expect((await ready)[0]).toEqual({ type: 'ready' })
  })

  it('is the worker the first writer writes with', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    upsertAccount(stores.db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
    startWriterEarly(WORKER)
    const writer = await openCacheWriter({
      file: `${dir.path}/cache.sqlite`,
      db: stores.db,
      workerFile: WORKER
    })
    cleanups.push(() => writer.close())
    writer.warm()
    const cluster = { name: 'c1', id: '', address: '', controlPlane: '', state: 'running', raw: {} }
    await writer.replace('a', 'clusters', [cluster], 1)
    expect(writer.mode).toBe('worker')
    expect(stores.db.prepare('SELECT name FROM clusters').pluck().all()).toEqual(['c1'])
    // The writer took it: nothing is left to hand out.
    expect(takeEarlyWriter(WORKER)).toBeNull()
  })

  it('is not handed to a writer of another worker file, nor once it has died', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const other = startWriterEarly(WORKER)!
    const ended = once(other, 'exit')
    expect(takeEarlyWriter(`${dir.path}/other-worker.js`)).toBeNull()
    await ended

    const broken = `${dir.path}/broken-worker.js`
    writeFileSync(broken, 'throw new Error("no such worker")')
    const dead = startWriterEarly(broken)!
    // Not events.once: it would reject on the worker's 'error', which comes first.
    await new Promise((exited) => dead.on('exit', exited))
    expect(takeEarlyWriter(broken)).toBeNull()
  })
})
