import { writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import type { ClusterRecord } from '../../src-main/cache/records'
import { openCacheWriter, type OpenWriterOptions } from '../../src-main/sync/cache-writer'
import { openStores } from '../support/agent'
import { tempDir } from '../support/temp-dir'
import { builtFile } from '../support/build-dir'

/** `npm test` builds before vitest runs, so the worker's bundle is there. */
const WORKER = builtFile('main/sync-worker.js')
const NEVER = 3_600_000

const cluster = (name: string, state = 'running'): ClusterRecord => ({
  name,
  id: '',
  address: '',
  controlPlane: '',
  state,
  raw: {}
})
const clusters = (n: number, state?: string) =>
  Array.from({ length: n }, (_, i) => cluster(`c${i}`, state))

describe('the sync worker’s life: started to write, ended when there is nothing to write', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  /** A writer over real files, its workers' comings and goings noted in `events`. */
  async function writerFor(options: Partial<OpenWriterOptions> = {}) {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    upsertAccount(stores.db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
    const events: string[] = []
    const waiters: Array<{ event: string; count: number; done(): void }> = []
    const writer = await openCacheWriter({
      file: `${dir.path}/cache.sqlite`,
      db: stores.db,
      workerFile: WORKER,
      ...options,
      onWorker: (event) => {
        events.push(event)
        for (const w of waiters.splice(0)) {
          if (events.filter((e) => e === w.event).length >= w.count) w.done()
          else waiters.push(w)
        }
      }
    })
    cleanups.push(() => writer.close())
    /** Resolves once `event` has happened `count` times. */
    const seen = (event: string, count: number) =>
      new Promise<void>((done) => {
        if (events.filter((e) => e === event).length >= count) done()
        else waiters.push({ event, count, done })
      })
    const states = () =>
      stores.db.prepare('SELECT state FROM clusters ORDER BY name').pluck().all() as string[]
    return { writer, events, seen, states, dir: dir.path, db: stores.db }
  }

  it('starts no worker until something is written', async () => {
    const { writer, events, seen } = await writerFor({ idleMs: NEVER, heavyBytes: Infinity })
    expect(events).toEqual([])
    expect(writer.mode).toBe('worker')
    await writer.replace('a', 'clusters', clusters(3), 1)
    await seen('started', 1)
    expect(events).toEqual(['started'])
  })

  it('starts a worker when warmed, and the first write goes to that one', async () => {
    const { writer, events, seen, states } = await writerFor({
      idleMs: NEVER,
      heavyBytes: Infinity
    })
    writer.warm()
    await seen('started', 1)
    expect(events).toEqual(['started'])
    writer.warm()
    await writer.replace('a', 'clusters', clusters(3), 1)
    expect(events).toEqual(['started'])
    expect(states()).toHaveLength(3)
  })

  it('ends a warmed worker that nothing was written to once it has been idle', async () => {
    const { writer, events, seen } = await writerFor({ idleMs: 20, heavyBytes: Infinity })
    writer.warm()
    await seen('ended', 1)
    expect(events).toEqual(['started', 'ending', 'ended'])
    await writer.patch('a', 'clusters', [cluster('c0')], 1)
    expect(events).toEqual(['started', 'ending', 'ended', 'started'])
  })

  it('ends a worker once a large write is done, and the next write starts another', async () => {
    const { writer, events, seen, states } = await writerFor({
      idleMs: NEVER,
      heavyBytes: 10 * 256
    })
    await writer.replace('a', 'clusters', clusters(20), 1)
    await seen('ended', 1)
    expect(events).toEqual(['started', 'ending', 'ended'])
    // The next write goes to a fresh worker, and lands after the first.
    await writer.patch('a', 'clusters', [cluster('c3', 'stopped')], 2)
    expect(events).toEqual(['started', 'ending', 'ended', 'started'])
    expect(states().filter((s) => s === 'stopped')).toHaveLength(1)
    expect(states()).toHaveLength(20)
  })

  it('keeps the worker through small writes, and ends it once they have been quiet a while', async () => {
    const { writer, events, seen, states } = await writerFor({ idleMs: 50, heavyBytes: Infinity })
    // Each follows on from the last one's outcome: one worker writes them all.
    for (let i = 0; i < 5; i++) await writer.replace('a', 'clusters', clusters(2, `s${i}`), i)
    expect(events).toEqual(['started'])
    await seen('ended', 1)
    expect(events).toEqual(['started', 'ending', 'ended'])
    expect(states()).toEqual(['s4', 's4'])
  })

  it('does not end a worker holding an open set, so its parts are not lost', async () => {
    const { writer, events, seen, states } = await writerFor({ idleMs: 0, heavyBytes: 0 })
    const set = writer.beginSet('a', 'clusters')
    set.add(clusters(3, 'first'))
    // The set's own requests are answered (the queue empties) while it is still open.
    await writer.patch('a', 'clusters', [cluster('x', 'other')], 1)
    set.add([cluster('c3', 'first')])
    const result = await set.commit(2)
    expect(result.rows).toBe(4)
    expect(states()).toEqual(['first', 'first', 'first', 'first'])
    await seen('ended', 1)
    expect(events).toEqual(['started', 'ending', 'ended'])
  })

  it('starts the next worker once the ending one has gone, keeping the order of writes', async () => {
    const { writer, events, seen, states } = await writerFor({ idleMs: NEVER, heavyBytes: 0 })
    await writer.replace('a', 'clusters', clusters(4, 'old'), 1)
    await seen('ending', 1)
    // Sent now, while the first worker closes: they go to the next, in the order sent.
    const writes = [
      writer.replace('a', 'clusters', clusters(4, 'new'), 2),
      writer.patch('a', 'clusters', [cluster('c0', 'newest')], 3),
      writer.remove('a', 'clusters', ['c3'])
    ]
    await Promise.all(writes)
    expect(states()).toEqual(['newest', 'new', 'new'])
    // One writer connection at a time: the next worker began once the last had gone.
    expect(events.slice(0, 4)).toEqual(['started', 'ending', 'ended', 'started'])
  })

  it('writes on this thread what it sent to a worker that could not start, losing none', async () => {
    const { dir, db } = await writerFor()
    const broken = `${dir}/broken-worker.mjs`
    writeFileSync(
      broken,
      `import { parentPort } from 'node:worker_threads'\n` +
        `parentPort.postMessage({ type: 'fatal', message: 'no cache here' })\n`
    )
    const said: string[] = []
    const writer = await openCacheWriter({
      file: `${dir}/cache.sqlite`,
      db,
      workerFile: broken,
      log: (m) => said.push(m)
    })
    cleanups.push(() => writer.close())
    expect(writer.mode).toBe('worker')
    const writes = [
      writer.replace('a', 'clusters', clusters(3, 'one'), 1),
      writer.patch('a', 'clusters', [cluster('c1', 'two')], 2)
    ]
    const results = await Promise.all(writes)
    expect(results.map((r) => r.rows)).toEqual([3, 1])
    expect(writer.mode).toBe('in-thread')
    expect(said).toEqual([expect.stringContaining('could not start: no cache here')])
    expect(db.prepare('SELECT state FROM clusters ORDER BY name').pluck().all()).toEqual([
      'one',
      'two',
      'one'
    ])
  })
})
