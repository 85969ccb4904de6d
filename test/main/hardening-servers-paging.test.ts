import type { AccountView, MethodOutput } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testConnection } from '../../src-main/agent/connection-test'
import type { Agent } from '../../src-main/agent/service'
import type { CycleSessionOptions } from '../../src-main/providers/cycle/session'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import type { CycleAccountSpec } from '../../src-main/store/account-spec'
import { makeAgent, openStores } from '../support/agent'
import { FAST, startOnline, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'

const ID = 'cycle:Hub'

describe('a hub whose lists never end', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent | undefined

  const spec = (): CycleAccountSpec => ({
    id: ID,
    kind: 'cycle',
    name: 'Hub',
    origin: 'config',
    ...sandbox.connection().cycle
  })
  const online = (cycle: CycleSessionOptions): Promise<Agent> =>
    startOnline((agent = makeAgent(stores, dir.path, [spec()], { ...FAST, cycle } as never)))
  const account = async (): Promise<AccountView> =>
    (await value<AccountView[]>(agent!, 'accounts.list')).find((a) => a.id === ID)!
  const cachedImages = async (): Promise<number> =>
    (await value<MethodOutput<'cycleImages.list'>>(agent!, 'cycleImages.list', { limit: 500 }))
      .total
  /** The highest page of the image list asked for. */
  const lastPage = (): number =>
    Math.max(
      ...sandbox.cycle.requests
        .filter((r) => r.path === '/v1/images')
        .map((r) => Number(r.query['page[number]']?.[0]))
    )

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 10 })
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    agent?.stop()
    agent = undefined
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('stops when the hub answers page 2 with page 1 again, keeps what it read, and says so', async () => {
    expect(sandbox.cycle.state.images.length).toBeGreaterThan(4)
    sandbox.faults.cycle.ignorePaging('/v1/images')
    await online({ pageSize: 2 })
    // Page 2 comes back as page 1 did: nothing new, so no page 3 is asked for.
    expect(lastPage()).toBe(2)
    expect(await cachedImages()).toBe(2)
    // The prefix catches the sources too: the message may name both lists, images among them.
    expect((await account()).syncError).toContain(
      'Cycle answered page 2 of its images with entries it had already sent (it seems to ignore paging), so Berth stopped at 2; the list may be incomplete'
    )
  }, 10_000)

  it('stops past a ceiling of rows, keeps that many, and says so', async () => {
    await online({ pageSize: 2, maxListRows: 4 })
    expect(lastPage()).toBe(2)
    expect(await cachedImages()).toBe(4)
    expect((await account()).syncError).toContain(
      'Cycle’s list of images went on past 4 entries in 2 pages, so Berth stopped there'
    )
  })

  it('stops past a ceiling of pages too', async () => {
    await online({ pageSize: 1, maxListPages: 3 })
    expect(lastPage()).toBe(3)
    expect(await cachedImages()).toBe(3)
    expect((await account()).syncError).toContain('went on past 3 entries in 3 pages')
  })

  it('a hub that pages properly is read whole, with no problem said', async () => {
    await online({ pageSize: 2 })
    expect(await cachedImages()).toBe(sandbox.cycle.state.images.length)
    expect((await account()).syncError).toBeNull()
  })

  it('Test connection reads one entry of each list, not a hub’s whole catalogue', async () => {
    const result = await testConnection(spec())
    expect(result.ok).toBe(true)
    const count = (path: string) => sandbox.cycle.requests.filter((r) => r.path === path).length
    expect(count('/v1/images')).toBe(1)
    expect(count('/v1/images/sources')).toBe(1)
    expect(count('/v1/jobs')).toBe(1)
    expect(sandbox.cycle.requests).toHaveLength(4)
  })
})
