import { describe, expect, it } from 'vitest'
import type { JobView, MethodOutput } from '@contract'
import { startSandbox } from '../../src-main/sandbox'
import { JobStore } from '../../src-main/store/job-store'
import { makeAgent } from '../support/agent'
import { jobEnded, startOnline, value } from '../support/calls'
import { cycleFetch } from '../support/sandboxes'
import { CYCLE_ID, fastCycle, useCycleLab } from '../support/cycle-lab'
import { nextEvent } from '../support/wait'

const ID = CYCLE_ID

describe('importing, retrying and building Cycle images with every option', () => {
  const lab = useCycleLab(5)
  const { spec, online, run } = lab

  const hubImages = () =>
    lab.sandbox.cycle.state.images.filter((i) => i.state.current !== 'deleted')
  const imports = (imageId: string) =>
    lab.sandbox.cycle.actions.filter(
      (a) => a.method === 'POST' && a.path === `/v1/images/${imageId}/tasks`
    ).length
  /** A seeded image left in `new`: created, never imported. */
  const fresh = () =>
    lab.sandbox.cycle.state.images.find((i) => i.state.current === 'new' && !i.state.error)!
  const sourceOfOrigin = (type: string) =>
    lab.sandbox.cycle.state.sources.find(
      (s) => s.origin.type === type && s.type !== 'stack-build' && s.state.current === 'live'
    )!

  it('imports an existing image left in new as a job, without creating another', async () => {
    const agent = await online()
    const image = fresh()
    const count = hubImages().length
    const job = await run(agent, 'cycleImages.import', { imageId: image.id })
    expect(job).toMatchObject({ state: 'succeeded', action: 'image.import', error: null })
    expect(job.remoteJobId).toMatch(/^[0-9a-f]{24}$/)
    expect(imports(image.id)).toBe(1)
    expect(hubImages()).toHaveLength(count)
    const cached = await value<MethodOutput<'cycleImages.get'>>(agent, 'cycleImages.get', {
      accountId: ID,
      imageId: image.id
    })
    expect(cached.image.state).toBe('live')
  })

  it('imports with an importer key (images-view + images-import) and is refused a build, naming images-manage', async () => {
    const agent = makeAgent(
      lab.stores,
      lab.dir.path,
      [spec({ apiKey: lab.sandbox.cycle.keys.importer })],
      fastCycle
    )
    lab.track(agent)
    // Images sync; the lists this key may not read are named, not fatal.
    const partly = nextEvent(
      agent,
      (e) => e.type === 'account' && (e.account.syncError ?? '').includes('images-sources-view')
    )
    agent.start()
    await partly
    expect(agent.live.get(ID)!.runner.status.state).toBe('online')
    const image = fresh()
    const imported = await run(agent, 'cycleImages.import', { imageId: image.id })
    expect(imported).toMatchObject({ state: 'succeeded', error: null })
    expect(lab.sandbox.cycle.state.images.find((i) => i.id === image.id)!.state.current).toBe(
      'live'
    )

    const count = hubImages().length
    const built = await run(agent, 'cycleImages.build', { sourceId: image.source!.details.id })
    expect(built.state).toBe('failed')
    expect(built.error).toContain('images-manage')
    const deleted = await run(agent, 'cycleImages.delete', { imageId: image.id })
    expect(deleted.error).toContain('images-manage')
    expect(hubImages()).toHaveLength(count)
  })

  it('retries a failed build by importing the same image again', async () => {
    const agent = await online()
    const source = sourceOfOrigin('docker-hub')
    lab.sandbox.cycle.failNextBuild('Dockerfile: unknown instruction RUNN')
    const failed = await run(agent, 'cycleImages.build', { sourceId: source.id, name: 'again' })
    expect(failed.state).toBe('failed')
    const made = lab.sandbox.cycle.state.images.filter((i) => i.name === 'again')
    expect(made).toHaveLength(1)
    const count = hubImages().length

    const retried = await value<JobView>(agent, 'jobs.retry', { jobId: failed.id })
    const ended = await nextEvent(agent, jobEnded(retried.id))
    expect(ended.type === 'job' && ended.job).toMatchObject({ state: 'succeeded', error: null })
    expect(hubImages()).toHaveLength(count)
    expect(
      lab.sandbox.cycle.state.images.filter((i) => i.name === 'again').map((i) => i.id)
    ).toEqual(made.map((i) => i.id))
    expect(made[0]!.state.current).toBe('live')
    expect(imports(made[0]!.id)).toBe(2)
  })

  it('retries a failed build from scratch when its image is gone meanwhile', async () => {
    const agent = await online()
    const source = sourceOfOrigin('docker-hub')
    lab.sandbox.cycle.failNextBuild('Dockerfile: unknown instruction RUNN')
    const failed = await run(agent, 'cycleImages.build', { sourceId: source.id, name: 'gone' })
    const first = lab.sandbox.cycle.state.images.find((i) => i.name === 'gone')!
    expect((await run(agent, 'cycleImages.delete', { imageId: first.id })).state).toBe('succeeded')

    const retried = await value<JobView>(agent, 'jobs.retry', { jobId: failed.id })
    const ended = await nextEvent(agent, jobEnded(retried.id))
    expect(ended.type === 'job' && ended.job.state).toBe('succeeded')
    const now = lab.sandbox.cycle.state.images.filter(
      (i) => i.name === 'gone' && i.state.current === 'live'
    )
    expect(now).toHaveLength(1)
    expect(now[0]!.id).not.toBe(first.id)
    // The job's log says why a retry that should reuse its image made another.
    const log = await value<{ text: string }[]>(agent, 'jobs.log', { jobId: retried.id })
    expect(log.map((l) => l.text)).toContain(
      `Image ${first.id} of the earlier attempt is gone; creating a new one`
    )
  })

  it('sends a build’s override target, tarball and use_disk to the hub', async () => {
    const agent = await online()
    const hub = sourceOfOrigin('docker-hub')
    const file = sourceOfOrigin('docker-file')
    const target = await run(agent, 'cycleImages.build', {
      sourceId: hub.id,
      name: 'overridden',
      override: { target: 'library/nginx:1.27-alpine' },
      useDisk: true
    })
    expect(target).toMatchObject({ state: 'succeeded', error: null })
    const tarball = await run(agent, 'cycleImages.build', {
      sourceId: file.id,
      name: 'from-tarball',
      override: { targz_url: 'https://example.com/app.tar.gz' }
    })
    expect(tarball).toMatchObject({ state: 'succeeded', error: null })
    const named = (name: string) => lab.sandbox.cycle.state.images.find((i) => i.name === name)!
    expect(named('overridden').source!.override).toEqual({ target: 'library/nginx:1.27-alpine' })
    expect(named('overridden').build).toMatchObject({ use_disk: true })
    expect(named('from-tarball').source!.override).toEqual({
      targz_url: 'https://example.com/app.tar.gz'
    })
  })

  it('accepts a well-formed override and refuses a malformed one at the contract, before anything is queued', async () => {
    const agent = await online()
    const sourceId = sourceOfOrigin('docker-hub').id
    for (const override of [
      { targz_url: 'not a url' },
      { targz_url: 'ftp://example.com/a.tar.gz' },
      { target: 'has space:1' },
      { target: `a${'b'.repeat(600)}` },
      { target: 'x', other: 'y' }
    ]) {
      expect(
        await agent.call('cycleImages.build', { accountId: ID, sourceId, override }),
        JSON.stringify(override)
      ).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
    expect((await value<{ total: number }>(agent, 'jobs.list', {})).total).toBe(0)
    const good = { target: 'library/nginx:1.27', targz_url: 'https://example.com/a.tar.gz' }
    expect(
      await agent.call('cycleImages.build', { accountId: ID, sourceId, override: good })
    ).toMatchObject({ ok: true })
  })

  it('filters images by state and source, sources by origin, hub jobs by state, from the cache even offline', async () => {
    const agent = await online()
    const list = <T>(method: string, input: object) =>
      value<{ items: T[]; total: number }>(agent, method, { limit: 500, ...input })
    const hub = lab.sandbox.cycle.state
    const origin = 'docker-file'
    const sources = await list<{ id: string; origin: string }>('cycleSources.list', { origin })
    expect(sources.items.map((s) => s.id).sort()).toEqual(
      hub.sources
        .filter((s) => s.origin.type === origin)
        .map((s) => s.id)
        .sort()
    )
    expect(sources.total).toBeLessThan(hub.sources.length)
    const state = hub.jobs[0]!.state.current
    const jobs = await list<{ state: string }>('cycleJobs.list', { state })
    expect(jobs.total).toBe(hub.jobs.filter((j) => j.state.current === state).length)
    expect(jobs.items.every((j) => j.state === state)).toBe(true)
    const source = hub.images.find((i) => i.source)!.source!.details.id
    const images = await list<{ state: string; sourceId: string }>('cycleImages.list', {
      state: 'live',
      sourceId: source
    })
    expect(images.total).toBe(
      hub.images.filter((i) => i.state.current === 'live' && i.source?.details.id === source).length
    )

    await lab.sandbox.close()
    await agent.refresh().catch(() => {})
    const offline = await list<{ id: string }>('cycleSources.list', { origin })
    expect(offline.total).toBe(sources.total)
    lab.sandbox = await startSandbox({ stepMs: 5 })
  })

  describe('a resumed import is never sent twice', () => {
    /** The record a Berth killed while importing leaves behind: claimed, running. */
    const interrupted = (imageId: string, args: object): string => {
      const jobs = new JobStore(lab.stores.state)
      const job = jobs.create({
        accountId: ID,
        action: 'image.import',
        target: imageId,
        args: { imageId, ...args },
        title: `Import ${imageId}`
      })
      lab.stores.state
        .prepare(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?`)
        .run(Date.now(), job.id)
      return job.id
    }
    const resume = async (id: string): Promise<JobView> => {
      const agent = makeAgent(lab.stores, lab.dir.path, [spec()], fastCycle)
      lab.track(agent)
      const ended = nextEvent(agent, jobEnded(id))
      await startOnline(agent)
      const event = await ended
      if (event.type !== 'job') throw new Error('unreachable')
      return event.job
    }

    it('follows the import a killed Berth sent instead of sending it again', async () => {
      const image = fresh()
      const before = image.state.changed
      const res = await cycleFetch(lab.sandbox)('POST', `/v1/images/${image.id}/tasks`, {
        action: 'import'
      })
      expect(res.ok).toBe(true)
      const id = interrupted(image.id, { maybeSent: true, stateBefore: before })
      const job = await resume(id)
      expect(job).toMatchObject({ state: 'succeeded', error: null })
      expect(imports(image.id)).toBe(1)
    })

    it('imports a failed image once when the killed Berth had not sent it yet', async () => {
      // Its earlier import failed: `new` with an error, so its state alone proves nothing.
      const image = lab.sandbox.cycle.state.images.find(
        (i) => i.state.current === 'new' && i.state.error
      )!
      const id = interrupted(image.id, { maybeSent: true, stateBefore: image.state.changed })
      const job = await resume(id)
      expect(job).toMatchObject({ state: 'succeeded', error: null })
      expect(imports(image.id)).toBe(1)
      expect(image.state.current).toBe('live')
    })
  })
})
