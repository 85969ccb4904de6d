import { resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { collectGarbage } from '../../src-main/sync/collect-garbage'
import type { WriteResult } from '../../src-main/sync/protocol'
import type { WorkerOptions } from '../../src-main/sync/worker-options'
import { WriterThread } from '../../src-main/sync/writer-thread'

const WORKER = resolve(import.meta.dirname, '../support/workers/answer-first-only.mjs')
const hooks = { spawned: () => {}, settled: () => {}, lost: () => {}, log: () => {} }

let thread: WriterThread | null = null
afterEach(async () => {
  await thread?.end()
})

it('keeps no page it posted while the answer is pending: the worker has its own copy', async () => {
  thread = new WriterThread(WORKER, {} as WorkerOptions, hooks)
  // Answered, so the worker is ready: what follows is posted, never held back here.
  await new Promise<WriteResult>((answer, reject) =>
    thread!.send({
      request: { op: 'setBegin', set: 1, accountId: 'a', kind: 'cycleImages' },
      transfer: [],
      resolve: answer,
      reject
    })
  )
  const page = postPage(thread)
  expect(thread.busy).toBe(1)
  // A new WeakRef holds its target until the current job ends: collect in the next one.
  await new Promise<void>((next) => setImmediate(next))
  collectGarbage('now')
  // While 100k rows of pages wait for a worker busy elsewhere, they must not pile up here too.
  expect(page.deref()).toBeUndefined()
})

/** Posts a page of 1,000 records and keeps nothing of it but a weak reference. */
function postPage(to: WriterThread): WeakRef<object[]> {
  const records = Array.from({ length: 1000 }, (_, i) => ({ name: `image-${i}` }))
  to.send({
    request: { op: 'setAdd', set: 1, records: records as never[] },
    transfer: [],
    resolve: () => {},
    reject: () => {}
  })
  return new WeakRef(records)
}
