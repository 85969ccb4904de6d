import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { makeAgent } from '../support/agent'
import { jobEnded, startOnline, value } from '../support/calls'
import { CYCLE_ID, fastCycle, useCycleLab } from '../support/cycle-lab'
import { validateRequest } from '../support/cycle-spec'
import { cycleFetch, sandboxPool } from '../support/sandboxes'
import type { Sandbox } from '../../src-main/sandbox'
import { JobStore } from '../../src-main/store/job-store'
import type { JobArgs } from '../../src-main/store/job-store'
import { nextEvent } from '../support/wait'

const listed = (agent: Agent) =>
  value<MethodOutput<'cycleSources.list'>>(agent, 'cycleSources.list', { limit: 500 })

describe('creating a Cycle image source', () => {
  const lab = useCycleLab(10)

  it('creates a Docker Hub source as a job, and the source list shows it', async () => {
    const agent = await lab.online()
    const job = await lab.run(agent, 'cycleSources.create', {
      name: 'web',
      origin: { type: 'docker-hub', target: 'library/nginx:1.27' }
    })
    expect([job.state, job.error, job.title, job.action]).toEqual([
      'succeeded',
      null,
      'Create image source web (Hub)',
      'source.create'
    ])
    expect(job.subject).toEqual({ view: 'cycle-sources' })
    const made = lab.sandbox.cycle.state.sources.filter((s) => s.name === 'web')
    expect(made).toHaveLength(1)
    expect(made[0]).toMatchObject({
      type: 'direct',
      origin: { type: 'docker-hub', details: { target: 'library/nginx:1.27' } }
    })
    // The run refreshed the list itself: no waiting for a later sync.
    const row = (await listed(agent)).items.find((s) => s.id === made[0]!.id)
    expect(row).toMatchObject({ name: 'web', origin: 'docker-hub' })
  })

  it('creates a registry source with its address', async () => {
    const agent = await lab.online()
    const job = await lab.run(agent, 'cycleSources.create', {
      name: 'acme worker',
      origin: { type: 'docker-registry', target: 'acme/worker:2', url: 'https://ghcr.io' }
    })
    expect(job.state).toBe('succeeded')
    const made = lab.sandbox.cycle.state.sources.find((s) => s.name === 'acme worker')
    expect(made?.origin).toEqual({
      type: 'docker-registry',
      details: { target: 'acme/worker:2', url: 'https://ghcr.io' }
    })
    expect((await listed(agent)).items.some((s) => s.id === made!.id)).toBe(true)
  })

  it('says why when the key may not manage sources', async () => {
    // A CI importer's key: images-view and images-import only.
    const agent = lab.track(
      makeAgent(
        lab.stores,
        lab.dir.path,
        [lab.spec({ apiKey: lab.sandbox.cycle.keys.importer })],
        fastCycle
      )
    )
    const partly = nextEvent(
      agent,
      (e) => e.type === 'account' && (e.account.syncError ?? '').includes('images-sources-view')
    )
    agent.start()
    await partly
    const job = await lab.run(agent, 'cycleSources.create', {
      name: 'web',
      origin: { type: 'docker-hub', target: 'library/nginx:1.27' }
    })
    expect(job.state).toBe('failed')
    expect(job.error).toMatch(/images-sources-manage/)
    expect(lab.sandbox.cycle.state.sources.some((s) => s.name === 'web')).toBe(false)
  })

  it('is refused for an account that is not a Cycle hub', async () => {
    const agent = await lab.online()
    const result = await agent.call('cycleSources.create', {
      accountId: 'cycle:nope',
      name: 'web',
      origin: { type: 'docker-hub', target: 'library/nginx:1.27' }
    })
    expect(result.ok ? null : result.error.code).toBe('not-found')
  })
})

describe('a source creation the agent was killed in the middle of is sent once', () => {
  const lab = useCycleLab(10)
  const origin = { type: 'docker-hub' as const, target: 'library/redis:7' }

  /** The record a Berth killed right after sending leaves: claimed, no answer kept. */
  const interrupted = (name: string, args: JobArgs): string => {
    const jobs = new JobStore(lab.stores.state)
    const job = jobs.create({
      accountId: CYCLE_ID,
      action: 'source.create',
      target: name,
      args: { name, ...args },
      title: `Create image source ${name} (Hub)`
    })
    lab.stores.state
      .prepare(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ? `)
      .run(Date.now(), job.id)
    return job.id
  }
  /** The agent `resume` started on the file (stopped after the test). */
  let resumed: Agent | undefined
  const resume = async (ids: string[]): Promise<JobView[]> => {
    const agent = lab.track(makeAgent(lab.stores, lab.dir.path, [lab.spec()], fastCycle))
    resumed = agent
    const ended = Promise.all(ids.map((id) => nextEvent(agent, jobEnded(id))))
    await startOnline(agent)
    await ended
    const jobs = await value<{ items: JobView[] }>(agent, 'jobs.list', { limit: 100 })
    return ids.map((id) => jobs.items.find((j) => j.id === id)!)
  }
  const posts = () =>
    lab.sandbox.cycle.actions.filter((a) => a.method === 'POST' && a.path === '/v1/images/sources')

  it('finds the source the lost request made instead of making another', async () => {
    // The request reached the hub; the Berth that sent it was gone before its answer.
    const res = await cycleFetch(lab.sandbox)('POST', '/v1/images/sources', {
      name: 'cache',
      type: 'direct',
      origin: { type: 'docker-hub', details: { target: origin.target } }
    })
    expect(res.status).toBe(201)
    const id = interrupted('cache', { origin })
    const [job] = await resume([id])
    expect([job!.state, job!.error]).toEqual(['succeeded', null])
    expect(posts()).toHaveLength(1)
    expect(lab.sandbox.cycle.state.sources.filter((s) => s.name === 'cache')).toHaveLength(1)
  })

  it('sends it when the lost request never arrived', async () => {
    const [job] = await resume([interrupted('cache', { origin })])
    expect(job!.state).toBe('succeeded')
    expect(posts()).toHaveLength(1)
    expect(lab.sandbox.cycle.state.sources.filter((s) => s.name === 'cache')).toHaveLength(1)
  })

  it('does not take an older source of the same name and origin for its own', async () => {
    const http = cycleFetch(lab.sandbox)
    await http('POST', '/v1/images/sources', {
      name: 'cache',
      type: 'direct',
      origin: { type: 'docker-hub', details: { target: origin.target } }
    })
    // Queued an hour later than that source was made: that one cannot be this job's.
    const id = interrupted('cache', { origin, sentAt: Date.now() + 3_600_000 })
    const [job] = await resume([id])
    expect(job!.state).toBe('succeeded')
    expect(posts()).toHaveLength(2)
  })

  it('leaves it to the user when several sources could be the one', async () => {
    const http = cycleFetch(lab.sandbox)
    for (let i = 0; i < 2; i++) {
      await http('POST', '/v1/images/sources', {
        name: 'cache',
        type: 'direct',
        origin: { type: 'docker-hub', details: { target: origin.target } }
      })
    }
    // A lost answer leaves the job marked as maybe sent.
    const [job] = await resume([interrupted('cache', { origin, maybeSent: true })])
    expect(job!.state).toBe('unknown')
    expect(job!.error).toMatch(/2 sources could be it/)
    expect(posts()).toHaveLength(2)
    // Retrying is the user's word to create it: sent at once, not asked about again.
    const agent = resumed!
    const again = await value<JobView>(agent, 'jobs.retry', { jobId: job!.id })
    const ended = await nextEvent(agent, jobEnded(again.id))
    expect(ended.type === 'job' && ended.job.state).toBe('succeeded')
    expect(posts()).toHaveLength(3)
  })
})

describe('the sandbox’s POST /v1/images/sources, against the official document', () => {
  // A bare sandbox: these requests are meant to break the document's rules.
  const pool = sandboxPool()
  let sandbox: Sandbox
  beforeEach(async () => {
    sandbox = await pool.start()
  })
  afterEach(() => pool.closeAll())
  const hubOrigin = { type: 'docker-hub', details: { target: 'library/nginx:1.27' } }
  const registryOrigin = {
    type: 'docker-registry',
    details: { target: 'acme/worker:2', url: 'https://ghcr.io' }
  }

  it.each([
    ['a Docker Hub source', { name: 'web', type: 'direct', origin: hubOrigin }],
    ['a registry source', { name: 'worker', type: 'direct', origin: registryOrigin }],
    ['one with no name (named after its image)', { type: 'direct', origin: hubOrigin }]
  ])('accepts %s, as the document does', async (_label, body) => {
    expect(validateRequest('POST', '/v1/images/sources', body)).toEqual({ ok: true })
    const res = await cycleFetch(sandbox)('POST', '/v1/images/sources', body)
    expect(res.status).toBe(201)
  })

  it.each([
    ['no origin', { name: 'web', type: 'direct' }, '/origin'],
    ['no type', { name: 'web', origin: hubOrigin }, '/type'],
    [
      'a Docker Hub origin without its target',
      { name: 'web', type: 'direct', origin: { type: 'docker-hub', details: {} } },
      '/origin/details/target'
    ],
    [
      'a registry origin without its address',
      {
        name: 'web',
        type: 'direct',
        origin: { type: 'docker-registry', details: { target: 'acme/worker:2' } }
      },
      '/origin/details/url'
    ]
  ])('refuses %s with a 422 naming the field, as the document does', async (_l, body, at) => {
    expect(validateRequest('POST', '/v1/images/sources', body)).not.toEqual({ ok: true })
    const res = await cycleFetch(sandbox)('POST', '/v1/images/sources', body)
    expect(res.status).toBe(422)
    const answer = (await res.json()) as { error: { code: string; source: string } }
    expect(answer.error).toMatchObject({ code: '422.missing-argument', source: at })
  })
})
