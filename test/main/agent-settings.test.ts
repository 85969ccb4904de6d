import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgentEvent, JobView, NotificationList, Settings } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, startOnline, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { nextEvent } from '../support/wait'

const account = 'qbo:Lab'
const FAST_NOTICES = { ...FAST, notify: { windowMs: 10 } }
const entry = (title: string) => (e: AgentEvent) =>
  e.type === 'notification' && e.notification.title === title

describe('settings, notifications and the cache, through the agent', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 5 })
    stores = openStores(dir.path)
    agent = await startOnline(
      makeAgent(stores, dir.path, [sandboxAccount(sandbox, 'Lab')], FAST_NOTICES)
    )
  })
  afterEach(async () => {
    agent.stop()
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('keeps settings across restarts and refuses a change that fails its schema', async () => {
    expect(await value<Settings>(agent, 'settings.get')).toMatchObject({
      theme: 'system',
      closeToTray: true
    })
    const heard = nextEvent(agent, (e) => e.type === 'settings')
    const changed = await value<Settings>(agent, 'settings.update', {
      theme: 'dark',
      notifications: { kinds: { resource: false } }
    })
    expect(changed.notifications.kinds).toEqual({
      job: true,
      resource: false,
      account: true,
      outbox: true
    })
    expect(await heard).toMatchObject({ settings: { theme: 'dark' } })
    for (const bad of [
      { theme: 'blue' },
      { refreshIntervalSec: 5 },
      { notifications: { kinds: { spam: true } } },
      { closeToTray: 'yes' }
    ]) {
      expect(await agent.call('settings.update', bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' }
      })
    }

    agent.stop()
    stores.close()
    stores = openStores(dir.path)
    agent = makeAgent(stores, dir.path, [], FAST_NOTICES)
    expect(await value<Settings>(agent, 'settings.get')).toMatchObject({
      theme: 'dark',
      notifications: { kinds: { resource: false } }
    })
  })

  it('refreshes every account at the interval the settings say, or only on demand at 0', async () => {
    const session = agent.live.get(account)!.session
    const refresh = vi.spyOn(session, 'refresh')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      await value(agent, 'settings.update', { refreshIntervalSec: 15 })
      await vi.advanceTimersByTimeAsync(15_000)
      expect(refresh).toHaveBeenCalledTimes(1)
      await value(agent, 'settings.update', { refreshIntervalSec: 0 })
      await vi.advanceTimersByTimeAsync(3_600_000)
      expect(refresh).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('falls back to defaults for a damaged settings document instead of failing', async () => {
    stores.state.prepare('INSERT OR REPLACE INTO settings (id, value) VALUES (1, ?)').run('{oops')
    agent.stop()
    agent = makeAgent(stores, dir.path, [], FAST_NOTICES)
    expect(await value<Settings>(agent, 'settings.get')).toMatchObject({ theme: 'system' })
    stores.state
      .prepare('INSERT OR REPLACE INTO settings (id, value) VALUES (1, ?)')
      .run(JSON.stringify({ theme: 'light' }))
    agent = makeAgent(stores, dir.path, [], FAST_NOTICES)
    // An older document gains the settings added since, keeping what it had.
    expect(await value<Settings>(agent, 'settings.get')).toMatchObject({
      theme: 'light',
      closeToTray: true
    })
  })

  it('clears the cache but never the accounts or the queued actions, then fills it again', async () => {
    sandbox.qbo.failNext('add', 'no capacity left')
    const job = await value<JobView>(agent, 'clusters.add', { accountId: account, name: 'keep' })
    await nextEvent(
      agent,
      (e) => e.type === 'job' && e.job.id === job.id && e.job.state === 'failed'
    )
    const nodes = await value<{ total: number }>(agent, 'nodes.list', {})
    expect(nodes.total).toBeGreaterThan(0)

    const refilled = nextEvent(agent, (e) => e.type === 'changed' && e.kind === 'nodes')
    expect(await agent.call('cache.clear', {})).toEqual({ ok: true, value: null })
    expect((await value<{ total: number }>(agent, 'nodes.list', {})).total).toBe(0)
    expect(await value<unknown[]>(agent, 'accounts.list')).toHaveLength(1)
    expect((await value<{ items: JobView[] }>(agent, 'jobs.list', {})).items).toMatchObject([
      { id: job.id, state: 'failed' }
    ])
    await refilled
    await agent.refresh()
    expect((await value<{ total: number }>(agent, 'nodes.list', {})).total).toBe(nodes.total)
  })

  it('tells of a cluster changing state outside Berth, and of the account lost and regained', async () => {
    const cluster = sandbox.qbo.hub.clusters[0]!
    const seeded = cluster.state
    const next = seeded === 'running' ? 'stopped' : 'running'
    const told = nextEvent(agent, entry(`Cluster ${cluster.name} is ${next}`))
    cluster.state = next
    await agent.refresh()
    expect(await told).toMatchObject({
      toast: true,
      notification: {
        kind: 'resource',
        target: { view: 'cluster', accountId: account, cluster: cluster.name }
      }
    })

    const port = sandbox.port
    const lost = nextEvent(agent, entry('Lab is offline'))
    await sandbox.close()
    await lost
    const back = nextEvent(agent, entry('Lab is back online'))
    // The restarted sandbox is seeded afresh: the cluster is as it was, and that is news too.
    const reseeded = nextEvent(agent, entry(`Cluster ${cluster.name} is ${seeded}`))
    sandbox = await startSandbox({ port, stepMs: 5 })
    await Promise.all([back, reseeded])

    const history = await value<NotificationList>(agent, 'notifications.list', {})
    expect(history.items.map((n) => n.title)).toEqual([
      `Cluster ${cluster.name} is ${seeded}`,
      'Lab is back online',
      'Lab is offline',
      `Cluster ${cluster.name} is ${next}`
    ])
    expect(history.unread).toBe(4)
    const read = nextEvent(agent, (e) => e.type === 'notifications')
    await value(agent, 'notifications.markRead', { ids: [history.items[3]!.id] })
    expect(await read).toEqual({ type: 'notifications', unread: 3 })
    await value(agent, 'notifications.clear')
    expect(await value<NotificationList>(agent, 'notifications.list', {})).toEqual({
      items: [],
      unread: 0
    })
  })
})
