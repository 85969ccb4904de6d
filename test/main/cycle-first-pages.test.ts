// A Cycle session about to refresh asks for the first page of each list beside its hub check
// (one round trip sooner), and the refresh uses them instead of asking again; nothing is asked
// ahead for a refresh that does not follow, and pages asked for a refused key go nowhere.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Db } from '../../src-main/cache/db'
import { CycleSession } from '../../src-main/providers/cycle/session'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { cycleCacheWithWorker, writerSink } from '../support/cycle-writer'

const LISTS = ['/v1/images', '/v1/images/sources', '/v1/jobs']

describe('the first pages of the refresh that follows a connection', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    vi.useRealTimers()
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function setUp(): Promise<{ sandbox: Sandbox; db: Db; session: CycleSession }> {
    const sandbox = await startSandbox({ cycleImages: 250 })
    cleanups.push(() => sandbox.close())
    const { db, writer } = await cycleCacheWithWorker(cleanups)
    const session = new CycleSession(sandbox.connection().cycle, writerSink(writer))
    cleanups.push(() => session.close())
    return { sandbox, db, session }
  }

  /** GETs of each list's page `number`, as the sandbox received them. */
  const asked = (sandbox: Sandbox, number: string) =>
    sandbox.cycle.requests
      .filter((r) => LISTS.includes(r.path) && r.query['page[number]']?.[0] === number)
      .map((r) => r.path)
      .sort()

  it('are asked for while the hub check is unanswered, and the refresh asks for none again', async () => {
    const { sandbox, db, session } = await setUp()
    sandbox.faults.cycle.delayMs = 300
    let connected = false
    const connecting = session.connect({ refreshNext: true }).then(() => (connected = true))
    await vi.waitFor(() => expect(asked(sandbox, '1')).toEqual([...LISTS].sort()), {
      timeout: 5_000,
      interval: 10
    })
    expect(connected).toBe(false)
    await connecting
    sandbox.faults.cycle.delayMs = 0
    await session.refresh()
    expect(asked(sandbox, '1')).toEqual([...LISTS].sort())
    expect(db.prepare('SELECT COUNT(*) FROM cycle_images').pluck().get()).toBe(
      sandbox.cycle.state.images.length
    )
  })

  it('are not asked for when no refresh follows, nor used by one that comes late', async () => {
    const { sandbox, session } = await setUp()
    await session.connect()
    expect(asked(sandbox, '1')).toEqual([])

    vi.useFakeTimers({ toFake: ['Date'] })
    await session.connect({ refreshNext: true })
    await vi.waitFor(() => expect(asked(sandbox, '1')).toHaveLength(3), { interval: 10 })
    // Another refresh held this one back: what was asked for a minute ago may have changed.
    vi.setSystemTime(Date.now() + 60_000)
    await session.refresh()
    for (const path of LISTS) expect(asked(sandbox, '1').filter((p) => p === path)).toHaveLength(2)
  })

  it('go nowhere when the key is refused: the connection fails as before, nothing unhandled', async () => {
    const { sandbox, db, session } = await setUp()
    sandbox.faults.cycle.expireKey()
    await expect(session.connect({ refreshNext: true })).rejects.toMatchObject({ kind: 'auth' })
    await vi.waitFor(() => expect(asked(sandbox, '1')).toHaveLength(3), { interval: 10 })
    expect(db.prepare('SELECT COUNT(*) FROM cycle_images').pluck().get()).toBe(0)
  })
})
