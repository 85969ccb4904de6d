import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AgentEvent, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

type Out<M extends 'clusters.list' | 'nodes.clusters' | 'jobs.list' | 'notifications.list'> = {
  ok: true
  value: MethodOutput<M>
}

/**
 * Removing an account takes everything of it with it, at once: its cached rows and their counts,
 * its jobs (which could never run), and the places its notifications lead. The one `accounts`
 * event names it, so that views drop its rows without waiting for a re-query.
 */
describe('removing an account', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox()
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    agent?.stop()
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  const add = async (name: string): Promise<void> => {
    const online = nextEvent(agent, accountState('online', `qbo:${name}`))
    await agent.call('accounts.add', {
      kind: 'qbo',
      name,
      host: '127.0.0.1',
      port: sandbox.port,
      tls: false,
      token: sandbox.connection().qbo.token
    })
    await online
  }

  it('drops its rows, counts, jobs and notification targets, and names it in the event', async () => {
    agent = makeAgent(stores, dir.path, [sandboxAccount(sandbox, 'Lab')])
    agent.start()
    await nextEvent(agent, accountState('online', 'qbo:Lab'))
    await add('Second')
    await agent.refresh()
    const job = agent.jobStore.create({
      accountId: 'qbo:Second',
      action: 'add',
      target: 'later',
      args: {},
      title: 'Create cluster later'
    })
    const kept = agent.jobStore.create({
      accountId: 'qbo:Lab',
      action: 'add',
      target: 'kept',
      args: {},
      title: 'Create cluster kept'
    })
    const notice = (target: object) =>
      agent.notifications.add({
        at: 1,
        kind: 'job',
        level: 'error',
        title: 't',
        body: 'b',
        count: 1,
        target: target as never
      })
    const onCluster = notice({ view: 'cluster', accountId: 'qbo:Second', cluster: 'alex' })
    const onJob = notice({ view: 'jobs', jobId: job.id })
    const onOther = notice({ view: 'cluster', accountId: 'qbo:Lab', cluster: 'alex' })
    const before = (await agent.call('clusters.list', {})) as Out<'clusters.list'>
    expect(before.value.items.filter((c) => c.name === 'alex')).toHaveLength(2)

    const events: AgentEvent[] = []
    agent.onEvent((e) => events.push(e))
    expect(await agent.call('accounts.remove', { accountId: 'qbo:Second' })).toEqual({
      ok: true,
      value: null
    })

    expect(events).toContainEqual({ type: 'accounts', removed: ['qbo:Second'] })
    const clusters = (await agent.call('clusters.list', {})) as Out<'clusters.list'>
    expect(clusters.value.items.map((c) => c.accountId)).not.toContain('qbo:Second')
    expect(clusters.value.total).toBe(before.value.total / 2)
    const chips = (await agent.call('nodes.clusters', {})) as Out<'nodes.clusters'>
    expect(chips.value.map((c) => c.accountId)).toEqual(chips.value.map(() => 'qbo:Lab'))
    const jobs = (await agent.call('jobs.list', { offset: 0, limit: 50 })) as Out<'jobs.list'>
    expect(jobs.value.items.map((j) => j.id)).toEqual([kept.id])
    const history = (await agent.call('notifications.list', {})) as Out<'notifications.list'>
    const targetOf = (id: number) => history.value.items.find((n) => n.id === id)?.target
    // The entries stay (they are history) but no longer lead into a view that is gone.
    expect(targetOf(onCluster.id)).toEqual({ view: 'notifications' })
    expect(targetOf(onJob.id)).toEqual({ view: 'notifications' })
    expect(targetOf(onOther.id)).toEqual({ view: 'cluster', accountId: 'qbo:Lab', cluster: 'alex' })
  })

  it('says where each account comes from', async () => {
    agent = makeAgent(stores, dir.path, [sandboxAccount(sandbox, 'Lab')])
    agent.start()
    await add('Mine')
    const list = (await agent.call('accounts.list', {})) as {
      ok: true
      value: MethodOutput<'accounts.list'>
    }
    expect(list.value.map((a) => [a.name, a.source])).toEqual([
      ['Lab', 'config'],
      ['Mine', 'user']
    ])
  })
})
