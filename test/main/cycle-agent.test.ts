import { describe, expect, it } from 'vitest'
import type { JobView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { CycleSession } from '../../src-main/providers/cycle/session'
import { startSandbox } from '../../src-main/sandbox'
import { makeAgent } from '../support/agent'
import { jobEnded, value } from '../support/calls'
import { CYCLE_ID, fastCycle, useCycleLab } from '../support/cycle-lab'
import { accountState, nextEvent } from '../support/wait'

const ID = CYCLE_ID

describe('a Cycle hub against the sandbox', () => {
  const lab = useCycleLab(10)
  const { online, run } = lab

  const session = (agent: Agent): CycleSession => agent.live.get(ID)!.session as CycleSession
  const firstSource = (agent: Agent) =>
    value<MethodOutput<'cycleSources.list'>>(agent, 'cycleSources.list', {}).then(
      (p) => p.items[0]!
    )

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
    const listed = lab.sandbox.cycle.requests.filter(
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
      const before = lab.stores.db.prepare('SELECT key, raw FROM cycle_images ORDER BY key').all()
      lab.sandbox.faults.cycle.malformed('/v1/images', kind)
      const reported = nextEvent(agent, (e) => e.type === 'account' && e.account.syncError !== null)
      await agent.refresh()
      const event = await reported
      expect(event.type === 'account' && event.account.syncError).toMatch(
        /unexpected answer|Could not reach|not JSON|Unexpected/
      )
      expect(lab.stores.db.prepare('SELECT key, raw FROM cycle_images ORDER BY key').all()).toEqual(
        before
      )
    }
  )

  it('turns a revoked key into “authentication failed”, not an endless retry', async () => {
    const agent = await online()
    lab.sandbox.faults.cycle.expireKey()
    const failed = nextEvent(agent, accountState('auth-failed', ID))
    await agent.refresh()
    const event = await failed
    expect(event.type === 'account' && event.account.status).toMatchObject({
      state: 'auth-failed',
      retryAt: expect.any(Number)
    })
  })

  it('tells a bad key, a wrong hub, a missing capability and an unreachable host apart', async () => {
    const agent = makeAgent(lab.stores, lab.dir.path, [], fastCycle)
    lab.track(agent)
    agent.start()
    const test = (over: object) =>
      agent.call('accounts.test', {
        kind: 'cycle',
        name: 'T',
        ...lab.sandbox.connection().cycle,
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
    await lab.sandbox.close()
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
    lab.sandbox = await startSandbox({ stepMs: 10 })
  })

  it('keeps following a job by polling while the notification socket is cut, and stops polling when it is back', async () => {
    await lab.sandbox.close()
    lab.sandbox = await startSandbox({ stepMs: 60 })
    const agent = await online()
    await expect.poll(() => session(agent).mode).toBe('socket')
    const source = await firstSource(agent)
    lab.sandbox.cycle.pauseNotifications(true)
    lab.sandbox.cycle.dropSockets()
    await expect.poll(() => session(agent).mode).toBe('polling')
    const job = await value<JobView>(agent, 'cycleImages.build', {
      accountId: ID,
      sourceId: source.id
    })
    const end = await nextEvent(agent, jobEnded(job.id))
    expect(end.type === 'job' && end.job.state).toBe('succeeded')
    const polled = lab.sandbox.cycle.requests.filter(
      (r) => r.method === 'GET' && r.path.startsWith('/v1/jobs/')
    )
    expect(polled.length).toBeGreaterThan(1)

    lab.sandbox.cycle.pauseNotifications(false)
    await expect.poll(() => session(agent).mode).toBe('socket')
    expect(session(agent).polling).toBe(false)
  })

  it('retries a job that is not readable yet right after it was accepted', async () => {
    await lab.sandbox.close()
    lab.sandbox = await startSandbox({ stepMs: 10, jobVisibleAfterMs: 60 })
    const agent = await online()
    const source = await firstSource(agent)
    const job = await run(agent, 'cycleImages.build', { sourceId: source.id })
    expect(job.state).toBe('succeeded')
  })

  it('fails a build with the platform’s message', async () => {
    const agent = await online()
    const source = await firstSource(agent)
    lab.sandbox.cycle.failNextBuild('Dockerfile: unknown instruction RUNN')
    const job = await run(agent, 'cycleImages.build', { sourceId: source.id })
    expect(job).toMatchObject({ state: 'failed', error: 'Dockerfile: unknown instruction RUNN' })
  })

  it('names the missing capability and loses nothing', async () => {
    const agent = await online({ apiKey: lab.sandbox.cycle.keys.noManage })
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
    lab.sandbox.cycle.pauseNotifications(true)
    lab.sandbox.cycle.dropSockets()
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
      lab.sandbox.cycle.state.images.filter(
        (i) => i.source?.details.id === source.id && i.state.current !== 'deleted'
      ).length
    )
  })
})
