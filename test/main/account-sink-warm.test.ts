import { afterEach, describe, expect, it } from 'vitest'
import { accountSink } from '../../src-main/agent/account-sink'
import { openCacheWriter } from '../../src-main/sync/cache-writer'
import { openStores } from '../support/agent'
import { tempDir } from '../support/temp-dir'
import { builtFile } from '../support/build-dir'

/** `npm test` builds before vitest runs, so the worker's bundle is there. */
const WORKER = builtFile('main/sync-worker.js')

describe('an account’s sink', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('starts the writer’s worker when it is made, before the session has anything to write', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    let started!: () => void
    const startedOnce = new Promise<void>((done) => (started = done))
    const events: string[] = []
    const writer = await openCacheWriter({
      file: `${dir.path}/cache.sqlite`,
      db: stores.db,
      workerFile: WORKER,
      idleMs: 3_600_000,
      onWorker: (event) => {
        events.push(event)
        if (event === 'started') started()
      }
    })
    cleanups.push(() => writer.close())
    expect(events).toEqual([])
    accountSink({
      account: { id: 'a', name: 'A' },
      db: stores.db,
      writer,
      news: {} as never,
      log: {} as never,
      now: () => 1,
      live: () => null,
      changed: () => {},
      accountChanged: () => {}
    })
    await startedOnce
    expect(events).toEqual(['started'])
  })
})
