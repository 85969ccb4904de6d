import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, jobEnded, runJob, startOnline, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { nextEvent } from '../support/wait'

describe('qbo clusters and jobs against the sandbox', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  const agents: Agent[] = []
  const account = 'qbo:Lab'

  const lab = () => [sandboxAccount(sandbox, 'Lab')]
  const online = async (): Promise<Agent> => {
    const agent = makeAgent(stores, dir.path, lab(), FAST)
    agents.push(agent)
    return startOnline(agent)
  }

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 5 })
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    for (const a of agents.splice(0)) a.stop()
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('refreshes every resource: clusters, nodes, pods, services, load balancers, networks, images', async () => {
    const agent = await online()
    const hub = sandbox.qbo.hub
    const total = async (method: string) =>
      (await value<{ total: number }>(agent, method, {})).total
    expect(await total('clusters.list')).toBe(hub.clusters.length)
    expect(await total('nodes.list')).toBe(hub.nodes.length)
    expect(await total('pods.list')).toBe(hub.pods.length)
    expect(await total('services.list')).toBe(hub.services.length)
    expect(await total('loadBalancers.list')).toBe(hub.ipvs.length)
    expect(await total('networks.list')).toBe(hub.networks.length)
    expect(await total('images.list')).toBe(hub.images.length)
    const running = hub.clusters.find((c) => c.state === 'running')!
    const detail = await value<MethodOutput<'clusters.get'>>(agent, 'clusters.get', {
      accountId: account,
      cluster: running.name
    })
    expect(detail.cluster).toMatchObject({
      name: running.name,
      controlPlane: running.control_plane,
      state: 'running'
    })
    expect(detail.cluster.nodeCount).toBe(
      hub.nodes.filter((n) => n.cluster === running.name).length
    )
    expect(detail.network?.name).toBe(running.name)
    const pods = await value<MethodOutput<'pods.list'>>(agent, 'pods.list', {
      cluster: running.name
    })
    expect(pods.items.every((p) => p.cluster === running.name)).toBe(true)
  })

  it('asks for a kubeconfig and for the server’s version', async () => {
    const agent = await online()
    const cluster = sandbox.qbo.hub.clusters[0]!.name
    const { kubeconfig } = await value<{ kubeconfig: string }>(agent, 'clusters.kubeconfig', {
      accountId: account,
      cluster
    })
    expect(kubeconfig).toMatch(/apiVersion: v1/)
    expect(kubeconfig).toContain(cluster)
    const missing = await agent.call('clusters.kubeconfig', {
      accountId: account,
      cluster: 'ghost'
    })
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const report = await value<MethodOutput<'accounts.test'>>(agent, 'accounts.test', {
      accountId: account
    })
    expect(report.user).toBe('sandbox@berth.local')
    expect(report.version).not.toBe('unknown')
  })

  it('creates a cluster as a job, streams its log, and leaves its nodes ready in the cache', async () => {
    const agent = await online()
    const logs: string[] = []
    agent.onEvent((e) => {
      if (e.type === 'job-log') logs.push(...e.lines.map((l) => l.text))
    })
    const image = sandbox.qbo.hub.images.at(-1)!.name
    const job = await runJob(agent, 'clusters.add', {
      accountId: account,
      name: 'lab',
      image,
      nodes: 2
    })
    expect(job).toMatchObject({ state: 'succeeded', action: 'add', target: 'lab', error: null })
    expect(logs[0]).toBe(`$ qbo add cluster lab -i ${image} -n 2`)
    expect(logs.some((l) => /Creating control plane control-[0-9a-f]{8}\.localhost/.test(l))).toBe(
      true
    )
    const stored = await value<MethodOutput<'jobs.log'>>(agent, 'jobs.log', { jobId: job.id })
    expect(stored.map((l) => l.text)).toEqual(logs)

    await agent.refresh()
    const nodes = await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list', { cluster: 'lab' })
    expect(nodes.total).toBe(3)
    expect(
      nodes.items.every((n) => n.state === 'ready' && n.image.endsWith(image.split('/').pop()!))
    ).toBe(true)

    const stopped = await runJob(agent, 'clusters.act', {
      accountId: account,
      cluster: 'lab',
      action: 'stop'
    })
    expect(stopped.state).toBe('succeeded')
    expect(sandbox.qbo.hub.clusters.find((c) => c.name === 'lab')?.state).toBe('stopped')
    const started = await runJob(agent, 'clusters.act', {
      accountId: account,
      cluster: 'lab',
      action: 'start'
    })
    expect(started.state).toBe('succeeded')
    const deleted = await runJob(agent, 'clusters.act', {
      accountId: account,
      cluster: 'lab',
      action: 'delete'
    })
    expect(deleted.state).toBe('succeeded')
    await agent.refresh()
    expect(
      (await value<MethodOutput<'nodes.list'>>(agent, 'nodes.list', { cluster: 'lab' })).total
    ).toBe(0)
    const jobs = await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', {})
    expect(jobs.items.map((j) => j.action)).toEqual(['delete', 'start', 'stop', 'add'])
  })

  it('fails a job with the server’s own words: duplicate name, unknown cluster, a build that breaks', async () => {
    const agent = await online()
    const existing = sandbox.qbo.hub.clusters[0]!.name
    const duplicate = await runJob(agent, 'clusters.add', { accountId: account, name: existing })
    expect(duplicate).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/already exists/)
    })
    const unknown = await runJob(agent, 'clusters.act', {
      accountId: account,
      cluster: 'ghost',
      action: 'stop'
    })
    expect(unknown).toMatchObject({ state: 'failed', error: expect.stringMatching(/not found/) })
    sandbox.qbo.failNext('add', 'kind: node image could not be pulled')
    const broken = await runJob(agent, 'clusters.add', { accountId: account, name: 'broken' })
    expect(broken).toMatchObject({ state: 'failed', error: 'kind: node image could not be pulled' })
  })

  it('refuses a cluster name with spaces, quotes or flags before anything is queued', async () => {
    const agent = await online()
    for (const name of ['my lab', '"x"', '-A']) {
      const result = await agent.call('clusters.add', { accountId: account, name })
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
    expect((await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', {})).total).toBe(0)
  })

  it('resumes following a job after the agent restarts mid-way, without sending it again', async () => {
    await sandbox.close()
    sandbox = await startSandbox({ stepMs: 40 })
    const agent = await online()
    const job = await value<JobView>(agent, 'clusters.add', { accountId: account, name: 'resumed' })
    await nextEvent(
      agent,
      (e) =>
        e.type === 'job-log' && e.jobId === job.id && e.lines.some((l) => /Creating/.test(l.text))
    )
    agent.stop()

    const again = makeAgent(stores, dir.path, lab(), FAST)
    agents.push(again)
    const ended = nextEvent(again, jobEnded(job.id))
    again.start()
    const done = await ended
    expect(done.type === 'job' && done.job.state).toBe('succeeded')
    expect(sandbox.qbo.hub.clusters.filter((c) => c.name === 'resumed')).toHaveLength(1)
    const log = await value<MethodOutput<'jobs.log'>>(again, 'jobs.log', { jobId: job.id })
    expect(log.filter((l) => l.text.startsWith('$ qbo add cluster resumed'))).toHaveLength(1)
  })

  it('queues an action while offline and runs it when the account comes back', async () => {
    const agent = await online()
    const port = sandbox.port
    const offline = nextEvent(
      agent,
      (e) => e.type === 'account' && e.account.status.state === 'offline'
    )
    await sandbox.close()
    await offline
    const job = await value<JobView>(agent, 'clusters.add', { accountId: account, name: 'later' })
    expect(job.state).toBe('queued')
    const ended = nextEvent(agent, jobEnded(job.id))
    sandbox = await startSandbox({ port, stepMs: 5 })
    const done = await ended
    expect(done.type === 'job' && done.job.state).toBe('succeeded')
    expect(sandbox.qbo.hub.clusters.filter((c) => c.name === 'later')).toHaveLength(1)
  })

  it('delivers one client’s cluster changes to a second client as mirror updates', async () => {
    const first = await online()
    const secondDir = tempDir()
    const secondStores = openStores(secondDir.path)
    const second = makeAgent(secondStores, secondDir.path, lab(), FAST)
    try {
      await startOnline(second)
      const seen = nextEvent(second, (e) => e.type === 'changed' && e.kind === 'clusters')
      await runJob(first, 'clusters.add', { accountId: account, name: 'shared' })
      await seen
      const page = await value<MethodOutput<'clusters.list'>>(second, 'clusters.list', {
        search: 'shared'
      })
      expect(page.items.map((c) => c.name)).toEqual(['shared'])
    } finally {
      second.stop()
      secondStores.close()
      secondDir.remove()
    }
  })
})
