import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSpec } from '../../src-main/store/account-spec'
import type { AgentEvent, JobView, MethodOutput } from '@contract'
import type { Log } from '../../src-main/agent/log'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { JobStore } from '../../src-main/store/job-store'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, runJob, startOnline, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { nextEvent } from '../support/wait'

const LAB = 'qbo:Lab'
const HUB = 'cycle:Hub'

/** Ways a stored job can stop being readable, and what the user is told about each. */
const DAMAGES: [string, string, RegExp][] = [
  ['args', `'{broken'`, /saved arguments are not valid JSON/],
  ['args', `'[1, 2]'`, /saved arguments are malformed/],
  ['args', `'{"nodes": "many"}'`, /saved arguments are malformed \(nodes:/],
  ['action', `'explode'`, /action “explode” is not one this Berth knows/],
  ['state', `'sleeping'`, /state “sleeping” is not one this Berth knows/],
  ['created_at', `'yesterday'`, /creation time is not a number/]
]

describe('a damaged job row is quarantined, never fatal', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent | null = null
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason)

  const accounts = (): AccountSpec[] => [
    sandboxAccount(sandbox, 'Lab'),
    { id: HUB, kind: 'cycle', name: 'Hub', origin: 'config', ...sandbox.connection().cycle }
  ]
  const damage = (id: string, column: string, value: string): void => {
    stores.state.prepare(`UPDATE jobs SET ${column} = ${value} WHERE id = ?`).run(id)
  }

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 5 })
    stores = openStores(dir.path)
    unhandled.length = 0
    process.on('unhandledRejection', onUnhandled)
  })
  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled)
    agent?.stop()
    agent = null
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it.each(DAMAGES)('lists a job whose %s is %s as damaged, saying why', (column, bad, reason) => {
    const jobs = new JobStore(stores.state)
    const job = jobs.create({
      accountId: LAB,
      action: 'add',
      target: 'c1',
      args: { nodes: 2 },
      title: 'Create cluster c1'
    })
    const healthy = jobs.create({
      accountId: LAB,
      action: 'add',
      target: 'c2',
      args: {},
      title: 'Create cluster c2'
    })
    damage(job.id, column, bad)

    const listed = jobs.list({ offset: 0, limit: 10 })
    expect(listed.total).toBe(2)
    const shown = listed.items.find((j) => j.id === job.id)!
    expect(shown).toMatchObject({ state: 'damaged', title: 'Create cluster c1' })
    expect(shown.error).toMatch(reason)
    expect(shown.error).toMatch(/never run; discard it/)
    expect(jobs.view(job.id)?.state).toBe('damaged')
    // Never handed to a runner, never in the tray's list; the healthy one still is.
    expect(jobs.get(job.id)).toBeNull()
    expect(jobs.unfinished(LAB).map((j) => j.id)).toEqual([healthy.id])
    expect(jobs.active().map((j) => j.id)).toEqual([healthy.id])
  })

  it('says which arguments an action lacks, and keeps a stored action it does not know as null', () => {
    const jobs = new JobStore(stores.state)
    const rename = jobs.create({
      accountId: HUB,
      action: 'image.rename',
      target: 'web',
      args: { imageId: 'i1', name: 'web2' },
      title: 'Rename web to web2'
    })
    damage(rename.id, 'args', `'{"name": "web2"}'`)
    const odd = jobs.create({ accountId: LAB, action: 'add', target: 'x', args: {}, title: 'X' })
    damage(odd.id, 'action', `'image.teleport'`)
    expect(jobs.view(rename.id)).toMatchObject({ state: 'damaged', action: 'image.rename' })
    expect(jobs.view(rename.id)?.error).toMatch(/saved arguments lack imageId/)
    expect(jobs.view(odd.id)).toMatchObject({ state: 'damaged', action: null })
    // Nor is one written that way: a job is readable from the start or not queued at all.
    expect(() =>
      jobs.create({ accountId: HUB, action: 'image.delete', target: 'web', args: {}, title: 'D' })
    ).toThrow(/lack imageId/)
    expect(jobs.list({ offset: 0, limit: 10 }).total).toBe(2)
  })

  it('keeps the agent and the account working, never runs it, and lets the user discard it', async () => {
    const jobs = new JobStore(stores.state)
    const broken = jobs.create({
      accountId: LAB,
      action: 'add',
      target: 'broken',
      args: {},
      title: 'Create cluster broken'
    })
    damage(broken.id, 'args', `'{broken'`)
    const errors: string[] = []
    const log: Log = { info() {}, warn() {}, error: (m) => void errors.push(m) }
    agent = await startOnline(makeAgent(stores, dir.path, accounts(), { ...FAST, log }))

    const listed = await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', {})
    expect(listed.items.map((j) => [j.id, j.state])).toEqual([[broken.id, 'damaged']])

    // Queued behind the damaged one on the same account, a new action runs to its end.
    const done = await runJob(agent, 'clusters.add', { accountId: LAB, name: 'healthy' })
    expect(done.state).toBe('succeeded')
    expect(sandbox.qbo.actions.map((a) => a.command)).toEqual([expect.stringMatching(/healthy/)])
    expect(agent.jobStore.view(broken.id)?.state).toBe('damaged')

    expect(await agent.call('jobs.cancel', { jobId: broken.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/damaged.*discard it instead/) }
    })
    expect(await agent.call('jobs.retry', { jobId: broken.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/this one is damaged/) }
    })

    const relist = nextEvent(agent, (e: AgentEvent) => e.type === 'jobs')
    expect(await value(agent, 'jobs.discard', { jobId: broken.id })).toBeNull()
    await relist
    const after = await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', {})
    expect(after.items.map((j) => j.id)).toEqual([done.id])
    expect(await agent.call('jobs.discard', { jobId: broken.id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' }
    })
    expect(errors).toEqual([])
    expect(unhandled).toEqual([])
  })

  it('discards ended jobs but refuses live ones', async () => {
    agent = await startOnline(makeAgent(stores, dir.path, accounts(), FAST))
    // An account that never comes online: its job stays queued.
    const waiting = agent.jobStore.create({
      accountId: 'qbo:Away',
      action: 'add',
      target: 'later',
      args: {},
      title: 'Create cluster later'
    })
    expect(await agent.call('jobs.discard', { jobId: waiting.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/queued\); cancel it first/) }
    })
    await value<JobView>(agent, 'jobs.cancel', { jobId: waiting.id })
    expect(await value(agent, 'jobs.discard', { jobId: waiting.id })).toBeNull()
    expect(agent.jobStore.view(waiting.id)).toBeNull()
    expect(agent.jobStore.log(waiting.id, 0)).toEqual([])
  })

  it('logs a failure inside the job runner instead of letting it reject unhandled', async () => {
    const errors: string[] = []
    const log: Log = { info() {}, warn() {}, error: (m) => void errors.push(m) }
    agent = await startOnline(makeAgent(stores, dir.path, accounts(), { ...FAST, log }))
    // The state file goes away under the running agent (a disk fault, a pulled drive).
    stores.state.close()
    agent.jobs.kick(LAB)
    await expect
      .poll(() => errors, { timeout: 5_000 })
      .toContainEqual(expect.stringMatching(/Jobs of qbo:Lab stopped after an unexpected error/))
    expect(unhandled).toEqual([])
  })
})
