import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, jobEnded, runJob, startOnline, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

describe('the user decides about queued and ended jobs', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent
  const account = 'qbo:Lab'

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 5 })
    stores = openStores(dir.path)
    agent = await startOnline(makeAgent(stores, dir.path, [sandboxAccount(sandbox, 'Lab')], FAST))
  })
  afterEach(async () => {
    agent.stop()
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('cancels an action queued while offline, which then never runs', async () => {
    const port = sandbox.port
    const offline = nextEvent(agent, accountState('offline', account))
    await sandbox.close()
    await offline
    const keep = await value<JobView>(agent, 'clusters.add', { accountId: account, name: 'keep' })
    const drop = await value<JobView>(agent, 'clusters.add', { accountId: account, name: 'drop' })
    expect(await value<JobView>(agent, 'jobs.cancel', { jobId: drop.id })).toMatchObject({
      state: 'cancelled'
    })
    expect(await agent.call('jobs.cancel', { jobId: drop.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already ended/) }
    })

    const kept = nextEvent(agent, jobEnded(keep.id))
    sandbox = await startSandbox({ port, stepMs: 5 })
    await kept
    expect(sandbox.qbo.hub.clusters.map((c) => c.name)).toContain('keep')
    expect(sandbox.qbo.hub.clusters.map((c) => c.name)).not.toContain('drop')
  })

  it('refuses to cancel what was already sent, and retries a failed job as a new one', async () => {
    sandbox.qbo.failNext('add', 'no capacity left')
    const failed = await runJob(agent, 'clusters.add', { accountId: account, name: 'again' })
    expect(failed.state).toBe('failed')
    expect(await agent.call('jobs.cancel', { jobId: failed.id })).toMatchObject({ ok: false })

    // The failed attempt left the cluster in state error; delete it, then retry the creation.
    expect(
      (
        await runJob(agent, 'clusters.act', {
          accountId: account,
          cluster: 'again',
          action: 'delete'
        })
      ).state
    ).toBe('succeeded')
    const retried = await value<JobView>(agent, 'jobs.retry', { jobId: failed.id })
    expect(retried.id).not.toBe(failed.id)
    const done = await nextEvent(agent, jobEnded(retried.id))
    expect(done.type === 'job' && done.job.state).toBe('succeeded')
    const jobs = await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', {})
    expect(jobs.items.find((j) => j.id === failed.id)?.state).toBe('failed')
    expect(await agent.call('jobs.retry', { jobId: retried.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Only a failed, unknown or cancelled job/) }
    })
  })
})
