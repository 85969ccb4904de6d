import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { SANDBOX_AGENT, SANDBOX_HOST } from '../../src-main/sandbox/qbo/envelope'
import { SANDBOX_USER } from '../../src-main/sandbox/qbo/types'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, startSynced, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

describe('what the qbo server says, kept and shown (agent against the sandbox)', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox()
    stores = openStores(dir.path)
    agent = makeAgent(stores, dir.path, [sandboxAccount(sandbox, 'Sandbox')], FAST)
  })
  afterEach(async () => {
    agent.stop()
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  const getNode = (name: string) =>
    value<MethodOutput<'nodes.get'>>(agent, 'nodes.get', { accountId: 'qbo:Sandbox', name })

  it('nodes.get answers one node with every field the server sent, also offline', async () => {
    await startSynced(agent)
    const seeded = sandbox.qbo.hub.nodes[1]!
    // The seed fills every field a node has; none may be empty, or the test would prove less.
    for (const field of Object.values(seeded)) expect(field).not.toBe('')

    const detail = await getNode(seeded.name)
    expect(detail.raw).toEqual({ ...seeded })
    expect(detail.node).toMatchObject({
      accountId: 'qbo:Sandbox',
      name: seeded.name,
      id: seeded.id,
      cluster: seeded.cluster,
      clusterId: seeded.cluster_id,
      state: seeded.state,
      address: seeded.address,
      image: seeded.image,
      os: seeded.os,
      kernel: seeded.kernel
    })

    const offline = nextEvent(agent, accountState('offline'))
    await sandbox.close()
    await offline
    expect((await getNode(seeded.name)).raw).toEqual({ ...seeded })
  })

  it('nodes.get says not-found for a node the cache does not hold', async () => {
    await startSynced(agent)
    const result = await agent.call('nodes.get', { accountId: 'qbo:Sandbox', name: 'no-such' })
    expect(result.ok ? null : result.error.code).toBe('not-found')
  })

  it('the account view carries the user, host, version and stamp of the server’s last answer', async () => {
    const before = Date.now()
    await startSynced(agent)
    const [account] = await value<AccountView[]>(agent, 'accounts.list')
    expect(account?.server).toMatchObject({
      user: SANDBOX_USER,
      host: SANDBOX_HOST,
      agent: SANDBOX_AGENT
    })
    // The server stamps in µs; the view says ms, so it falls between the test's start and now.
    const stamp = account?.server?.timestamp ?? 0
    expect(stamp).toBeGreaterThanOrEqual(before - 1000)
    expect(stamp).toBeLessThanOrEqual(Date.now() + 1000)
    expect(account?.server?.receivedAt).toBeGreaterThanOrEqual(before)
  })

  it('networks carry the owner the server named', async () => {
    await startSynced(agent)
    const networks = await value<MethodOutput<'networks.list'>>(agent, 'networks.list')
    expect(networks.items.length).toBeGreaterThan(0)
    for (const network of networks.items) expect(network.user).toBe(SANDBOX_USER)
    const images = await value<MethodOutput<'images.list'>>(agent, 'images.list')
    const seeded = sandbox.qbo.hub.images[0]!
    expect(images.items.find((i) => i.name === seeded.name)).toMatchObject({
      registry: seeded.registry,
      user: seeded.user,
      repository: seeded.repository
    })
  })
})
