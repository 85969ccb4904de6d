import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MethodOutput, QueuedJob } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox } from '../../src-main/sandbox'
import type { AccountSpec } from '../../src-main/store/account-spec'
import { JobStore } from '../../src-main/store/job-store'
import { openStateDatabase } from '../../src-main/store/state-db'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'

const LAB = 'qbo:Lab'

/**
 * Stop pressed twice while offline is one stop: the same action on the same target, asked again
 * while the first is still queued, is that job. The look and the insert are one write
 * transaction in the state file, so it holds across restarts and for a second runner.
 */
describe('the same action queued twice', () => {
  let dir: ReturnType<typeof tempDir>
  let stores: ReturnType<typeof openStores>
  let agents: Agent[]
  let accounts: AccountSpec[]

  beforeEach(async () => {
    dir = tempDir()
    stores = openStores(dir.path)
    agents = []
    // The lab's address, then the lab gone: every action below is queued offline.
    const sandbox = await startSandbox({ stepMs: 2 })
    accounts = [sandboxAccount(sandbox, 'Lab')]
    await sandbox.close()
  })
  afterEach(() => {
    for (const agent of agents) agent.stop()
    stores.close()
    dir.remove()
  })

  const agentOn = (): Agent => {
    const agent = makeAgent(stores, dir.path, accounts, FAST)
    agents.push(agent)
    agent.start()
    return agent
  }
  const stop = (agent: Agent, cluster = 'dev') =>
    value<QueuedJob>(agent, 'clusters.act', { accountId: LAB, cluster, action: 'stop' })
  const listed = (agent: Agent) =>
    value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', { limit: 50 })

  it('returns the queued job instead of a second one, says so, and names its target', async () => {
    const agent = agentOn()
    const first = await stop(agent)
    expect(first).toMatchObject({
      alreadyQueued: false,
      state: 'queued',
      title: 'Stop cluster dev (Lab)',
      subject: { view: 'cluster', accountId: LAB, cluster: 'dev' }
    })
    const again = await stop(agent)
    expect(again).toMatchObject({ id: first.id, alreadyQueued: true })
    expect((await listed(agent)).total).toBe(1)

    // Another action, or the same on another cluster, is another job.
    await value(agent, 'clusters.act', { accountId: LAB, cluster: 'dev', action: 'start' })
    await stop(agent, 'prod')
    expect((await listed(agent)).total).toBe(3)
  })

  it('still knows the queued job after a restart, and queues anew once it is withdrawn', async () => {
    const before = agentOn()
    const first = await stop(before)
    before.stop()

    const after = agentOn()
    expect(await stop(after)).toMatchObject({ id: first.id, alreadyQueued: true })
    expect((await listed(after)).total).toBe(1)

    await value(after, 'jobs.cancel', { jobId: first.id })
    const anew = await stop(after)
    expect(anew.id).not.toBe(first.id)
    expect(anew.alreadyQueued).toBe(false)
  })

  it('is decided in the state file: a second runner on another connection gets the same job', () => {
    const other = openStateDatabase(`${dir.path}/state.sqlite`)
    try {
      const mine = new JobStore(stores.state)
      const theirs = new JobStore(other)
      const job = { accountId: LAB, action: 'stop' as const, target: 'dev', args: {}, title: 'S' }
      const a = mine.queue(job)
      const b = theirs.queue(job)
      expect(a.alreadyQueued).toBe(false)
      expect(b).toMatchObject({ alreadyQueued: true, record: { id: a.record.id } })
      // Bookkeeping a run adds (attempts, a retry time) does not make it another request.
      theirs.remember(a.record.id, { attempts: 2, notBefore: 99 })
      expect(mine.queue(job).record.id).toBe(a.record.id)
      // Other arguments are another request: a prune of other sources, a rename to another name.
      const prune = (sourceIds: string[]) =>
        mine.queue({
          accountId: 'cycle:Hub',
          action: 'images.prune',
          target: 'web',
          args: { sourceIds },
          title: 'P'
        })
      const p1 = prune(['s1', 's2'])
      expect(prune(['s2', 's1']).record.id).toBe(p1.record.id)
      expect(prune(['s3']).alreadyQueued).toBe(false)
    } finally {
      other.close()
    }
  })
})
