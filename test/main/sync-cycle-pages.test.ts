// A Cycle image page is read on the writer's thread: the serving thread fetches it and hands its
// body over unread (the buffer moved, not copied), and the worker parses, checks and maps it with
// the provider's own schemas. A page it refuses fails the refresh in the words the serving thread
// would have used, and the cache keeps what it had.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Db } from '../../src-main/cache/db'
import { CycleApi } from '../../src-main/providers/cycle/api'
import { CycleImage } from '../../src-main/providers/cycle/schemas'
import { CycleSession } from '../../src-main/providers/cycle/session'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { cycleCacheWithWorker, writerSink } from '../support/cycle-writer'

describe('Cycle image pages', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    vi.restoreAllMocks()
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function setUp(): Promise<{
    sandbox: Sandbox
    db: Db
    session: CycleSession
    moved: Uint8Array[]
  }> {
    const sandbox = await startSandbox({ cycleImages: 250 })
    cleanups.push(() => sandbox.close())
    const { db, writer } = await cycleCacheWithWorker(cleanups)
    expect(writer.mode).toBe('worker')
    const moved: Uint8Array[] = []
    const session = new CycleSession(
      sandbox.connection().cycle,
      writerSink(writer, (bytes) => moved.push(bytes))
    )
    cleanups.push(() => session.close())
    await session.connect()
    return { sandbox, db, session, moved }
  }

  const rows = (db: Db) =>
    db.prepare('SELECT key, name, creator, raw FROM cycle_images ORDER BY key').all()

  it('are handed to the worker unread, their buffers moved, and written whole', async () => {
    const { sandbox, db, session, moved } = await setUp()
    const schemaBuilt = vi.spyOn(CycleImage, 'array')
    await session.refresh()
    // No image page was checked on this thread, and none of their bytes stayed here.
    expect(schemaBuilt).not.toHaveBeenCalled()
    const images = sandbox.cycle.state.images
    expect(moved).toHaveLength(Math.floor(images.length / 100) + 1)
    expect(moved.every((bytes) => bytes.byteLength === 0)).toBe(true)
    // The same rows as pages read and checked here give.
    const written = rows(db)
    expect(written).toHaveLength(images.length)
    const here = await new CycleApi(sandbox.connection().cycle).images()
    expect(written.map((r) => (r as { key: string }).key)).toEqual(here.map((i) => i.id).sort())
    const byKey = new Map(here.map((i) => [i.id, i]))
    for (const row of written as Array<{ key: string; creator: string; raw: string }>) {
      expect(row.creator).toBe(byKey.get(row.key)?._berth?.creator)
      expect(JSON.parse(row.raw)).toEqual(byKey.get(row.key))
    }
  })

  it.each(['json', 'types'] as const)(
    'that are malformed (%s) fail the refresh in the serving thread’s words and change nothing',
    async (kind) => {
      const { sandbox, db, session } = await setUp()
      await session.refresh()
      const before = rows(db)
      // What reading the same page here says.
      sandbox.faults.cycle.malformed('/v1/images', kind)
      const here = await new CycleApi(sandbox.connection().cycle).images().then(
        () => 'read',
        (error: Error) => error.message
      )
      expect(here).toMatch(/not JSON|unexpected answer to http:\/\/\S+\/v1\/images: /)
      sandbox.faults.cycle.malformed('/v1/images', kind)
      await expect(session.refresh()).rejects.toThrow(here)
      expect(rows(db)).toEqual(before)
    }
  )
})
