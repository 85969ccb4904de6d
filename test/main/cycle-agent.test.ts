import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSpec } from '../../src-main/store/account-spec'
import type { JobView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { CycleSession } from '../../src-main/providers/cycle/session'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores } from '../support/agent'
import { FAST, jobEnded, runJob, startOnline, value } from '../support/calls'
import { matchPath, validateRequest } from '../support/cycle-spec'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

const fast = { ...FAST, cycle: { pollMs: 25, socketRetryMs: () => 30 } }
const ID = 'cycle:Hub'

describe('a Cycle hub against the sandbox', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  const agents: Agent[] = []

  const spec = (
    over: Partial<{ apiKey: string; hubId: string; url: string }> = {}
  ): AccountSpec => ({
    id: ID,
    kind: 'cycle',
    name: 'Hub',
    origin: 'config',
    ...sandbox.connection().cycle,
    ...over
  })
  const online = async (over = {}): Promise<Agent> => {
    const agent = makeAgent(stores, dir.path, [spec(over)], fast)
    agents.push(agent)
    return startOnline(agent)
  }
  const run = (agent: Agent, method: string, input: object): Promise<JobView> =>
    runJob(agent, method, { accountId: ID, ...input })
  const session = (agent: Agent): CycleSession => agent.live.get(ID)!.session as CycleSession
  const firstSource = (agent: Agent) =>
    value<MethodOutput<'cycleSources.list'>>(agent, 'cycleSources.list', {}).then(
      (p) => p.items[0]!
    )

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 10 })
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    for (const a of agents.splice(0)) a.stop()
    // Whatever the client sent in a test must be what the official document describes.
    for (const r of sandbox.cycle.requests) {
      const template = matchPath(r.method, r.path)
      expect(template, `${r.method} ${r.path}`).not.toBeNull()
      const checked = validateRequest(r.method, template!, r.body)
      expect(checked, `${r.method} ${r.path}`).toEqual({ ok: true })
    }
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('syncs images, sources and jobs, paging through every list', async () => {
    const agent = await online()
    const images = await value<MethodOutput<'cycleImages.list'>>(agent, 'cycleImages.list', {
      limit: 500
    })
    expect(images.total).toBeGreaterThan(0)
    expect(images.asOf).not.toBeNull()
    const withSource = images.items.find((i) => i.sourceId)!
    expect(withSource.sourceName).not.toBe('')
    const sources = await value<MethodOutput<'cycleSources.list'>>(agent, 'cycleSources.list', {})
    expect(sources.total).toBeGreaterThan(0)
    const jobs = await value<MethodOutput<'cycleJobs.list'>>(agent, 'cycleJobs.list', {})
    expect(jobs.items.some((j) => j.tasks.length > 0)).toBe(true)
    const detail = await value<MethodOutput<'cycleImages.get'>>(agent, 'cycleImages.get', {
      accountId: ID,
      imageId: withSource.id
    })
    expect(detail.config).not.toBeNull()
    const listed = sandbox.cycle.requests.filter(
      (r) => r.method === 'GET' && r.path === '/v1/images'
    )
    expect(listed.length).toBeGreaterThan(0)
  })

  it.each([
    ['not JSON', 'json' as const],
    ['wrongly typed', 'types' as const]
  ])(
    'leaves the cache exactly as it was when a list comes back %s, and says so',
    async (_label, kind) => {
      const agent = await online()
      const before = stores.db.prepare('SELECT key, raw FROM cycle_images ORDER BY key').all()
      sandbox.faults.cycle.malformed('/v1/images', kind)
      const reported = nextEvent(agent, (e) => e.type === 'account' && e.account.syncError !== null)
      await agent.refresh()
      const event = await reported
      expect(event.type === 'account' && event.account.syncError).toMatch(
        /unexpected answer|Could not reach|not JSON|Unexpected/
      )
      expect(stores.db.prepare('SELECT key, raw FROM cycle_images ORDER BY key').all()).toEqual(
        before
      )
    }
  )

  it('turns a revoked key into “authentication failed”, not an endless retry', async () => {
    const agent = await online()
    sandbox.faults.cycle.expireKey()
    const failed = nextEvent(agent, accountState('auth-failed', ID))
    await agent.refresh()
    const event = await failed
    expect(event.type === 'account' && event.account.status).toMatchObject({
      state: 'auth-failed',
      retryAt: expect.any(Number)
    })
  })

  it('tells a bad key, a wrong hub, a missing capability and an unreachable host apart', async () => {
    const agent = makeAgent(stores, dir.path, [], fast)
    agents.push(agent)
    agent.start()
    const test = (over: object) =>
      agent.call('accounts.test', {
        kind: 'cycle',
        name: 'T',
        ...sandbox.connection().cycle,
        ...over
      })
    expect(await test({})).toMatchObject({ ok: true, value: { version: 'Cycle API v1' } })
    expect(await test({ apiKey: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'auth-failed', message: expect.stringMatching(/refused the API key/) }
    })
    expect(await test({ hubId: 'f'.repeat(24) })).toMatchObject({
      ok: false,
      error: { code: 'auth-failed', message: expect.stringMatching(/does not belong to that hub/) }
    })
    expect(await test({ url: 'http://127.0.0.1:1' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', retryable: true }
    })
  })

  it('builds an image, following its job step by step to a live image and a readable build log', async () => {
    const agent = await online()
    const source = await firstSource(agent)
    const lines: string[] = []
    const progress: number[] = []
    agent.onEvent((e) => {
      if (e.type === 'job-log') lines.push(...e.lines.map((l) => l.text))
      if (e.type === 'job' && e.job.progress !== null) progress.push(e.job.progress)
    })
    const job = await run(agent, 'cycleImages.build', {
      sourceId: source.id,
      name: 'built-by-berth'
    })
    expect(job).toMatchObject({ state: 'succeeded', progress: 1, error: null })
    expect(job.remoteJobId).toMatch(/^[0-9a-f]{24}$/)
    const steps = lines
      .filter((l) => l.endsWith(' done'))
      .map((l) => l.split(': ')[1]!.replace(' done', ''))
    expect(steps).toEqual(['Preparing', 'Importing', 'Building', 'Verifying', 'Saving', 'Cleaning'])
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    const remote = await value<MethodOutput<'cycleJobs.list'>>(agent, 'cycleJobs.list', {
      search: job.remoteJobId!
    })
    expect(remote.items[0]).toMatchObject({ state: 'completed', progress: 1 })
    expect(remote.items[0]!.tasks[0]!.steps.every((s) => s.completed !== null)).toBe(true)

    const images = await value<MethodOutput<'cycleImages.list'>>(agent, 'cycleImages.list', {
      search: 'built-by-berth'
    })
    const image = images.items[0]!
    expect(image.state).toBe('live')
    const log = await value<MethodOutput<'cycleImages.buildLog'>>(agent, 'cycleImages.buildLog', {
      accountId: ID,
      imageId: image.id
    })
    expect(log.log.length).toBeGreaterThan(0)
    expect(log.fetchedAt).not.toBeNull()

    // Offline, the cached copy still reads.
    const offline = nextEvent(agent, accountState('offline', ID))
    await sandbox.close()
    await agent.refresh().catch(() => {})
    await offline
    const cached = await value<MethodOutput<'cycleImages.buildLog'>>(
      agent,
      'cycleImages.buildLog',
      {
        accountId: ID,
        imageId: image.id
      }
    )
    expect(cached.log).toBe(log.log)
    sandbox = await startSandbox({ stepMs: 10 })
  })

  it('keeps following a job by polling while the notification socket is cut, and stops polling when it is back', async () => {
    await sandbox.close()
    sandbox = await startSandbox({ stepMs: 60 })
    const agent = await online()
    await expect.poll(() => session(agent).mode).toBe('socket')
    const source = await firstSource(agent)
    sandbox.cycle.pauseNotifications(true)
    sandbox.cycle.dropSockets()
    await expect.poll(() => session(agent).mode).toBe('polling')
    const job = await value<JobView>(agent, 'cycleImages.build', {
      accountId: ID,
      sourceId: source.id
    })
    const end = await nextEvent(agent, jobEnded(job.id))
    expect(end.type === 'job' && end.job.state).toBe('succeeded')
    const polled = sandbox.cycle.requests.filter(
      (r) => r.method === 'GET' && r.path.startsWith('/v1/jobs/')
    )
    expect(polled.length).toBeGreaterThan(1)

    sandbox.cycle.pauseNotifications(false)
    await expect.poll(() => session(agent).mode).toBe('socket')
    expect(session(agent).polling).toBe(false)
  })

  it('retries a job that is not readable yet right after it was accepted', async () => {
    await sandbox.close()
    sandbox = await startSandbox({ stepMs: 10, jobVisibleAfterMs: 60 })
    const agent = await online()
    const source = await firstSource(agent)
    const job = await run(agent, 'cycleImages.build', { sourceId: source.id })
    expect(job.state).toBe('succeeded')
  })

  it('fails a build with the platform’s message', async () => {
    const agent = await online()
    const source = await firstSource(agent)
    sandbox.cycle.failNextBuild('Dockerfile: unknown instruction RUNN')
    const job = await run(agent, 'cycleImages.build', { sourceId: source.id })
    expect(job).toMatchObject({ state: 'failed', error: 'Dockerfile: unknown instruction RUNN' })
  })

  it('names the missing capability and loses nothing', async () => {
    const agent = await online({ apiKey: sandbox.cycle.keys.noManage })
    const source = await firstSource(agent)
    const before = (await value<MethodOutput<'cycleImages.list'>>(agent, 'cycleImages.list', {}))
      .total
    const job = await run(agent, 'cycleImages.build', { sourceId: source.id })
    expect(job).toMatchObject({ state: 'failed', error: expect.stringContaining('images-manage') })
    expect(
      (await value<MethodOutput<'cycleImages.list'>>(agent, 'cycleImages.list', {})).total
    ).toBe(before)
    expect(agent.live.get(ID)!.runner.status.state).toBe('online')
  })

  it('renames, prunes and deletes images through jobs', async () => {
    const agent = await online()
    const images = await value<MethodOutput<'cycleImages.list'>>(agent, 'cycleImages.list', {
      limit: 500
    })
    const target = images.items.find((i) => i.state === 'live')!
    const renamed = await run(agent, 'cycleImages.rename', {
      imageId: target.id,
      name: 'renamed-by-berth'
    })
    expect(renamed.state).toBe('succeeded')
    expect(
      (
        await value<MethodOutput<'cycleImages.get'>>(agent, 'cycleImages.get', {
          accountId: ID,
          imageId: target.id
        })
      ).image.name
    ).toBe('renamed-by-berth')

    // Without the notification socket, the cache must still follow the actions' effects.
    sandbox.cycle.pauseNotifications(true)
    sandbox.cycle.dropSockets()
    await expect.poll(() => session(agent).mode).toBe('polling')

    const deleted = await run(agent, 'cycleImages.delete', { imageId: target.id })
    expect(deleted.state).toBe('succeeded')
    expect(
      await agent.call('cycleImages.get', { accountId: ID, imageId: target.id })
    ).toMatchObject({ ok: false })

    const source = await firstSource(agent)
    const pruned = await run(agent, 'cycleImages.prune', { sourceIds: [source.id] })
    expect(pruned.state).toBe('succeeded')
    const left = await value<MethodOutput<'cycleImages.list'>>(agent, 'cycleImages.list', {
      sourceId: source.id,
      limit: 500
    })
    expect(left.items.every((i) => i.containers > 0)).toBe(true)
    expect(left.total).toBe(
      sandbox.cycle.state.images.filter(
        (i) => i.source?.details.id === source.id && i.state.current !== 'deleted'
      ).length
    )
  })
})
