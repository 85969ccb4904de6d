// Pages of a set are posted to the writer as they are read; each posted page is held as a copy
// until the writer takes it. A reader faster than the writer must wait for it (cache-writer.ts
// SET_PARTS_AHEAD, the Cycle list's `each`), or a large list piles up in memory while the writer
// is busy with something else (a 100k-node reply): that pile was most of the agent's peak RSS.
import { afterEach, describe, expect, it } from 'vitest'
import type { CycleImageRecord } from '../../src-main/cache/records'
import { CycleApi } from '../../src-main/providers/cycle/api'
import { startSandbox } from '../../src-main/sandbox'
import { SET_PARTS_AHEAD } from '../../src-main/sync/cache-writer'
import { cycleCacheWithWorker } from '../support/cycle-writer'

const image = (i: number): CycleImageRecord => ({
  key: `img-${i}`,
  id: `img-${i}`,
  name: `image ${i}`,
  state: 'ready',
  size: i,
  sourceId: 's1',
  sourceType: 'docker-hub',
  creator: 'u1',
  containers: 0,
  createdAt: '2024-01-01T00:00:00Z',
  error: null,
  raw: { id: `img-${i}` }
})

/** Whether `promise` has settled once the microtasks queued now have run (no I/O in between). */
async function settledNow(promise: Promise<unknown>): Promise<boolean> {
  let settled = false
  void promise.then(
    () => (settled = true),
    () => (settled = true)
  )
  for (let i = 0; i < 5; i++) await Promise.resolve()
  return settled
}

describe('a set read faster than it is written', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('asks its reader to wait once SET_PARTS_AHEAD parts are unwritten, and loses none', async () => {
    const { writer } = await cycleCacheWithWorker(cleanups)
    expect(writer.mode).toBe('worker')

    const set = writer.beginSet('a', 'cycleImages')
    const parts = Array.from({ length: SET_PARTS_AHEAD }, (_, p) =>
      set.add(Array.from({ length: 10 }, (_, i) => image(p * 10 + i)))
    )
    // None of them can have been written yet (the worker answers through the event loop).
    const settled = await Promise.all(parts.map(settledNow))
    expect(settled.slice(0, -1).every(Boolean)).toBe(true)
    expect(settled.at(-1)).toBe(false)
    // Once the writer catches up the reader goes on, and the set is whole.
    await parts.at(-1)
    const result = await set.commit(1)
    expect(result.summary.inserted).toBe(SET_PARTS_AHEAD * 10)
  })

  it('reads the next Cycle page only once the last one was taken', async () => {
    const sandbox = await startSandbox({ cycleImages: 350 })
    cleanups.push(() => sandbox.close())
    const log: string[] = []
    const releases: Array<() => void> = []
    const done = new CycleApi(sandbox.connection().cycle).images({
      each: (page) => {
        log.push(`page of ${page.length}`)
        return new Promise<void>((go) => releases.push(go))
      }
    })
    // Each page is let go only once it has been handed over: were the next one handed over
    // before, two pages would follow each other in the log.
    let finished = false
    void done.then(() => (finished = true))
    while (!finished) {
      const release = releases.shift()
      if (release) {
        log.push('taken')
        release()
      }
      await new Promise((r) => setImmediate(r))
    }
    const total = sandbox.cycle.state.images.length
    const pages = Array.from({ length: Math.ceil(total / 100) }, (_, i) =>
      i < Math.floor(total / 100) ? 'page of 100' : `page of ${total % 100}`
    )
    expect(log).toEqual(pages.flatMap((p) => [p, 'taken']))
  })
})
