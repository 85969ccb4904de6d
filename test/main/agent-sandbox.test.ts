import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QboAccountSpec } from '../../src-main/store/account-spec'
import type { AccountView, AgentEvent, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { startOnline, startSynced, value } from '../support/calls'
import { naturalCompare } from '../support/natural-compare'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

// Fast retries so a restarted sandbox is found again quickly; the policy itself is unit-tested.
const policy = { backoff: { baseMs: 50, capMs: 200, floorMs: 10 }, authRetryMs: [60_000] }

describe('agent against the sandbox over real sockets', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent
  const agents: Agent[] = []

  const startAgent = (accounts: QboAccountSpec[]): Agent => {
    const a = makeAgent(stores, dir.path, accounts, { policy })
    agents.push(a)
    return a
  }
  const qboAccount = (token?: string): QboAccountSpec => sandboxAccount(sandbox, 'Sandbox', token)

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox()
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    for (const a of agents.splice(0)) a.stop()
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('connects with the qbo_uid cookie, syncs nodes, images and networks into SQLite', async () => {
    agent = startAgent([qboAccount()])
    await startSynced(agent)

    const nodes = await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list', { limit: 500 })
    expect(nodes.total).toBe(sandbox.qbo.hub.nodes.length)
    expect(nodes.asOf).not.toBeNull()
    const seeded = sandbox.qbo.hub.nodes[0]!
    expect(nodes.items.find((n) => n.name === seeded.name)).toMatchObject({
      accountId: 'qbo:Sandbox',
      cluster: seeded.cluster,
      state: seeded.state,
      address: seeded.address,
      image: seeded.image
    })
    const images = await value<MethodOutput<'images.list'>>(agent, 'images.list')
    expect(images.items.map((i) => i.name).sort()).toEqual(
      sandbox.qbo.hub.images.map((i) => i.name).sort()
    )
    const networks = await value<MethodOutput<'networks.list'>>(agent, 'networks.list')
    expect(networks.total).toBe(sandbox.qbo.hub.networks.length)
    const clusters = await value<MethodOutput<'nodes.clusters'>>(agent, 'nodes.clusters')
    expect(clusters.reduce((sum, c) => sum + c.nodes, 0)).toBe(sandbox.qbo.hub.nodes.length)

    const [account] = await value<AccountView[]>(agent, 'accounts.list')
    expect(account?.status.state).toBe('online')
    expect(JSON.stringify(account)).not.toContain(sandbox.connection().qbo.token)
  })

  it('searches and sorts in the agent', async () => {
    agent = startAgent([qboAccount()])
    await startSynced(agent)
    const control = await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list', {
      search: 'control-',
      sort: { field: 'name', dir: 'desc' }
    })
    expect(control.total).toBe(sandbox.qbo.hub.clusters.length)
    const names = control.items.map((n) => n.name)
    expect(names).toEqual([...names].sort(naturalCompare).reverse())
  })

  it('goes offline when the server stops, keeps the cache browsable, and comes back by itself', async () => {
    agent = startAgent([qboAccount()])
    await startSynced(agent)
    const port = sandbox.port

    const offline = nextEvent(agent, accountState('offline'))
    await sandbox.close()
    const event = await offline
    expect(event.type === 'account' && event.account.status).toMatchObject({ state: 'offline' })

    const cached = await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list')
    expect(cached.total).toBeGreaterThan(0)

    const online = nextEvent(agent, accountState('online'))
    sandbox = await startSandbox({ port })
    await online
  })

  it('shows the cached nodes at once after a restart, before the server answers', async () => {
    agent = startAgent([qboAccount()])
    await startSynced(agent)
    const before = await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list')
    agent.stop()
    await sandbox.close()
    stores.close()

    stores = openStores(dir.path)
    const again = startAgent([qboAccount()])
    again.start()
    const after = await value<MethodOutput<'nodes.list'>>(again, 'nodes.list')
    expect(after.items).toEqual(before.items)
    const [account] = await value<AccountView[]>(again, 'accounts.list')
    expect(account?.status.state).not.toBe('online')
    expect(account?.lastSyncAt).not.toBeNull()
    sandbox = await startSandbox()
  })

  it('reports a wrong credential as an authentication failure with a slow retry, not a loop', async () => {
    agent = startAgent([qboAccount('not-the-token')])
    const failed = nextEvent(agent, accountState('auth-failed'))
    agent.start()
    const event = await failed
    if (event.type !== 'account' || event.account.status.state !== 'auth-failed') throw new Error()
    expect(event.account.status.reason).toMatch(/refused the credential/)
    expect(event.account.status.retryAt! - event.account.status.since).toBe(60_000)
    expect(sandbox.qbo.clientCount()).toBe(0)
  })

  it('turns an expired token into “authentication failed” after the server closes the socket', async () => {
    agent = startAgent([sandboxAccount(sandbox, 'Sandbox')])
    await startSynced(agent)
    const failed = nextEvent(agent, accountState('auth-failed'))
    sandbox.faults.qbo.expireToken()
    const event = await failed
    expect(event.type === 'account' && event.account.status).toMatchObject({ state: 'auth-failed' })
    // The cache stays browsable.
    expect((await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list')).total).toBeGreaterThan(0)
  })

  it('tells no view to re-query after a refresh that changed nothing, only the sync time', async () => {
    agent = startAgent([qboAccount()])
    // Once online, the first refresh has ended: the one below is a second, of the same data.
    await startOnline(agent)
    const events: AgentEvent[] = []
    const stop = agent.onEvent((e) => events.push(e))
    await agent.refresh('qbo:Sandbox')
    stop()
    expect(events.filter((e) => e.type === 'changed')).toEqual([])
    expect(events.some((e) => e.type === 'account')).toBe(true)
  })

  it('patches the cache from an unsolicited mirror update', async () => {
    agent = startAgent([qboAccount()])
    await startSynced(agent)
    const target = sandbox.qbo.hub.nodes.find((n) => n.state === 'ready')!
    const changed = nextEvent(agent, (e) => e.type === 'changed' && e.kind === 'nodes')
    sandbox.qbo.setNodeState(target.name, 'notready')
    await changed
    const page = await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list', {
      search: target.name
    })
    expect(page.items[0]?.state).toBe('notready')
  })
})
