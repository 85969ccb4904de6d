import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { REASK_EVERY } from '../../src-main/providers/qbo/kind-support'
import type { Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, startSynced, value } from '../support/calls'
import { sandboxPool } from '../support/sandboxes'
import { tempDir } from '../support/temp-dir'
import { nextEvent } from '../support/wait'

// No background refreshes: the test counts the refreshes it asks for, one at a time.
const policy = { ...FAST.policy, refreshMs: 0 }
const REFUSED = ['get clusters -A', 'get pods -A', 'get services -A', 'get ipvs -A']

describe('Berth against a qbo server that knows only nodes, images, networks and version', () => {
  const pool = sandboxPool()
  let dir: ReturnType<typeof tempDir>
  let stores: ReturnType<typeof openStores>
  const agents: Agent[] = []

  beforeEach(() => {
    dir = tempDir()
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    for (const a of agents.splice(0)) a.stop()
    stores.close()
    await pool.closeAll()
    dir.remove()
  })

  const startAgent = async (sandbox: Sandbox): Promise<Agent> => {
    const agent = makeAgent(stores, dir.path, [sandboxAccount(sandbox, 'Lab')], { policy })
    agents.push(agent)
    await startSynced(agent)
    // The first sync may be under way still: this waits for it (refreshes never overlap).
    await agent.refresh()
    return agent
  }
  const account = async (agent: Agent): Promise<AccountView> =>
    (await value<AccountView[]>(agent, 'accounts.list'))[0]!

  it('caches and lists what answered, and says which kinds the server does not support', async () => {
    const sandbox = await pool.start({ qboNarrow: true })
    const agent = await startAgent(sandbox)
    const { hub } = sandbox.qbo

    const nodes = await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list', { limit: 500 })
    expect(nodes.total).toBe(hub.nodes.length)
    const images = await value<MethodOutput<'images.list'>>(agent, 'images.list', { limit: 500 })
    expect(images.total).toBe(hub.images.length)
    const networks = await value<MethodOutput<'networks.list'>>(agent, 'networks.list')
    expect(networks.total).toBe(hub.networks.length)

    const lab = await account(agent)
    expect(lab.status.state).toBe('online')
    expect(lab.syncError).toBeNull()
    // Synced as far as the server goes: the refused kinds do not hold the sync time back.
    expect(lab.lastSyncAt).not.toBeNull()
    expect([...(lab.unsupported ?? [])].sort()).toEqual([
      'clusters',
      'loadBalancers',
      'pods',
      'services'
    ])
  })

  it('builds cluster rows from the nodes, state unknown, when the clusters list is refused', async () => {
    const sandbox = await pool.start({ qboNarrow: true })
    const agent = await startAgent(sandbox)
    const clusters = await value<MethodOutput<'clusters.list'>>(agent, 'clusters.list', {
      limit: 500
    })
    const named = [...new Set(sandbox.qbo.hub.nodes.map((n) => n.cluster))].sort()
    expect(clusters.items.map((c) => c.name).sort()).toEqual(named)
    for (const cluster of clusters.items) {
      expect(cluster.state).toBe('unknown')
      expect(cluster.nodeCount).toBe(
        sandbox.qbo.hub.nodes.filter((n) => n.cluster === cluster.name).length
      )
    }
  })

  it('asks again for a refused list once every REASK_EVERY refreshes, or when the user refreshes', async () => {
    const sandbox = await pool.start({ qboNarrow: true })
    const agent = await startAgent(sandbox)
    const { requests } = sandbox.qbo
    const refreshes = 2 * REASK_EVERY + 5
    // One refresh after another; each asks for the nodes once.
    while ((requests.get('get nodes -A') ?? 0) < refreshes) await agent.refresh()
    expect(requests.get('get nodes -A')).toBe(refreshes)
    // Refreshes 1, 21 and 41 ask; the rest leave the refused lists out.
    const asked = Math.floor((refreshes - 1) / REASK_EVERY) + 1
    for (const command of REFUSED) expect(requests.get(command), command).toBe(asked)

    // The user's Refresh asks at once, whatever the count.
    const result = await agent.call('accounts.refresh', { accountId: 'qbo:Lab' })
    expect(result.ok).toBe(true)
    for (const command of REFUSED) expect(requests.get(command), command).toBe(asked + 1)
    await agent.refresh()
    for (const command of REFUSED) expect(requests.get(command), command).toBe(asked + 1)
    expect((await account(agent)).unsupported).toHaveLength(REFUSED.length)
  })

  it('keeps what a wider server cached earlier, marked unsupported; clusters come from nodes', async () => {
    const wide = await pool.start()
    const first = await startAgent(wide)
    const pods = await value<MethodOutput<'pods.list'>>(first, 'pods.list', { limit: 1 })
    expect(pods.total).toBeGreaterThan(0)
    first.stop()

    // The same account (same name), now served by an older server.
    const narrow = await pool.start({ qboNarrow: true })
    const agent = makeAgent(stores, dir.path, [sandboxAccount(narrow, 'Lab')], { policy })
    agents.push(agent)
    // The earlier sync times make the account look synced at once: wait for this server's word.
    const refused = nextEvent(
      agent,
      (e) => e.type === 'account' && (e.account.unsupported ?? []).includes('pods')
    )
    agent.start()
    await refused
    await agent.refresh()
    const kept = await value<MethodOutput<'pods.list'>>(agent, 'pods.list', { limit: 1 })
    expect(kept.total).toBe(pods.total)
    const clusters = await value<MethodOutput<'clusters.list'>>(agent, 'clusters.list', {
      limit: 500
    })
    expect(clusters.items.every((c) => c.state === 'unknown')).toBe(true)
  })

  it('says nothing is unsupported to a server that answers everything', async () => {
    const sandbox = await pool.start()
    const agent = await startAgent(sandbox)
    await agent.refresh()
    expect((await account(agent)).unsupported).toEqual([])
    const { requests } = sandbox.qbo
    expect(requests.get('get clusters -A')).toBe(requests.get('get nodes -A'))
  })
})
