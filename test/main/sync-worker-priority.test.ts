import { readdirSync, readFileSync } from 'node:fs'
import { getPriority } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openCacheWriter } from '../../src-main/sync/cache-writer'
import { WRITER_NICENESS } from '../../src-main/sync/writer-priority'
import { openStores } from '../support/agent'
import { tempDir } from '../support/temp-dir'
import { builtFile } from '../support/build-dir'

/** `npm test` builds before vitest runs, so the worker's bundle is there. */
const WORKER = builtFile('main/sync-worker.js')

/** The nice value of each of this process's threads (Linux: /proc/self/task/<tid>/stat). */
function threadNiceness(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      // Fields after the command name (which may hold spaces): state is field 3, nice field 19.
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])]
    } catch {
      return [] // a thread that ended while being read
    }
  })
}

describe('the sync worker’s priority', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function writerWithWorker() {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    upsertAccount(stores.db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
    const writer = await openCacheWriter({
      file: `${dir.path}/cache.sqlite`,
      db: stores.db,
      workerFile: WORKER,
      idleMs: 3_600_000,
      heavyBytes: Infinity
    })
    cleanups.push(() => writer.close())
    // Answered, so the worker has started and lowered its priority.
    await writer.replace('a', 'clusters', [], 1)
    expect(writer.mode).toBe('worker')
    return writer
  }

  it('runs the writer thread nicer on Linux, and only that thread: the agent keeps its priority', async () => {
    const own = getPriority(0)
    const nicer = Math.min(19, own + WRITER_NICENESS)
    expect(nicer).toBeGreaterThan(own)
    // Where the nice value is per process (macOS, Windows), the writer leaves it alone.
    const linux = process.platform === 'linux'
    const nicerThreads = () => (linux ? threadNiceness().filter((n) => n === nicer) : [])
    expect(nicerThreads()).toEqual([])
    await writerWithWorker()
    expect(nicerThreads()).toHaveLength(linux ? 1 : 0)
    // The calling thread, standing for the serving thread, and the process keep their priority.
    expect(getPriority(0)).toBe(own)
    expect(getPriority()).toBe(own)
  })
})
