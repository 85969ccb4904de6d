import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSpec } from '../../src-main/store/account-spec'
import type { JobAction, JobView } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import type { Sandbox } from '../../src-main/sandbox'
import type { JobArgs } from '../../src-main/store/job-store'
import { JobStore } from '../../src-main/store/job-store'
import { openStateDatabase } from '../../src-main/store/state-db'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, jobEnded, startOnline, value } from '../support/calls'
import { cycleFetch, sandboxPool } from '../support/sandboxes'
import { tempDir } from '../support/temp-dir'
import { nextEvent } from '../support/wait'

const LAB = 'qbo:Lab'
const HUB = 'cycle:Hub'
const opts = { ...FAST, cycle: { pollMs: 25, socketRetryMs: () => 30 } }

describe('a job the agent was killed in the middle of is never sent twice', () => {
  const pool = sandboxPool({ stepMs: 5 })
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent | null = null

  const accounts = (): AccountSpec[] => [
    sandboxAccount(sandbox, 'Lab'),
    { id: HUB, kind: 'cycle', name: 'Hub', origin: 'config', ...sandbox.connection().cycle }
  ]
  /** The record a Berth killed right after sending leaves: claimed, no answer kept. */
  const interrupted = (
    accountId: string,
    action: JobAction,
    target: string,
    args: JobArgs = {}
  ): string => {
    const jobs = new JobStore(stores.state)
    const job = jobs.create({ accountId, action, target, args, title: `${action} ${target}` })
    stores.state
      .prepare(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?`)
      .run(Date.now(), job.id)
    return job.id
  }
  /** Starts the agent on the file and resolves with every listed job once each has ended. */
  const restart = async (ids: string[]): Promise<JobView[]> => {
    const made = makeAgent(stores, dir.path, accounts(), opts)
    agent = made
    const ended = Promise.all(ids.map((id) => nextEvent(made, jobEnded(id))))
    await startOnline(made)
    await ended
    const listed = await value<{ items: JobView[] }>(made, 'jobs.list', { limit: 100 })
    return ids.map((id) => listed.items.find((j) => j.id === id)!)
  }

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await pool.start()
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    agent?.stop()
    agent = null
    stores.close()
    await pool.closeAll()
    dir.remove()
  })

  it('marks a request as maybe sent before it leaves', async () => {
    sandbox.faults.qbo.actionDelayMs = 60_000
    sandbox.faults.cycle.actionDelayMs = 60_000
    const source = sandbox.cycle.state.sources[0]!.id
    const made = await startOnline(makeAgent(stores, dir.path, accounts(), opts))
    agent = made
    const qboSent = new Promise((resolve) => sandbox.qbo.onAction(resolve))
    const cycleSent = new Promise((resolve) => sandbox.cycle.onAction(resolve))
    const add = await value<JobView>(made, 'clusters.add', { accountId: LAB, name: 'wa1' })
    const build = await value<JobView>(made, 'cycleImages.build', {
      accountId: HUB,
      sourceId: source,
      name: 'wa2'
    })
    await Promise.all([qboSent, cycleSent])
    // What another process (or this one after a crash) reads from the file at that moment.
    const state = openStateDatabase(`${dir.path}/state.sqlite`)
    try {
      const jobs = new JobStore(state)
      for (const id of [add.id, build.id]) {
        expect(jobs.get(id)).toMatchObject({ state: 'running', args: { maybeSent: true } })
      }
    } finally {
      state.close()
    }
  })

  it('looks at the qbo cluster before sending add, start, stop or delete again', async () => {
    const hub = sandbox.qbo.hub
    const running = hub.clusters.filter((c) => c.state === 'running').map((c) => c.name)
    const stopped = hub.clusters.find((c) => c.state === 'stopped')!.name
    const [toStop, toDelete] = running
    const raw = await pool.openQbo(sandbox)
    const commands = [
      'add cluster r-add -i hub.docker.com/kindest/node:v1.27.2 -n 1',
      `start clusters ${stopped}`,
      `stop clusters ${toStop}`,
      `delete cluster ${toDelete}`
    ]
    // The requests reached qbo; the Berth that sent them was gone before any answer.
    for (const command of commands) {
      raw.send(command)
      await raw.until((m: { command_line?: string }) => m.command_line?.endsWith(command) ?? false)
    }
    const ids = [
      interrupted(LAB, 'add', 'r-add'),
      interrupted(LAB, 'start', stopped),
      interrupted(LAB, 'stop', toStop!),
      interrupted(LAB, 'delete', toDelete!)
    ]
    const jobs = await restart(ids)
    expect(jobs.map((j) => [j.state, j.error])).toEqual([
      ['succeeded', null],
      ['succeeded', null],
      ['succeeded', null],
      ['succeeded', null]
    ])
    expect(sandbox.qbo.actions.map((a) => a.command)).toEqual(commands)
  })

  it('asks the Cycle hub before sending build, import, rename, delete or prune again', async () => {
    const http = cycleFetch(sandbox)
    const post = async (path: string, body: unknown, method = 'POST') => {
      const res = await http(method, path, body)
      expect(res.ok, `${method} ${path}`).toBe(true)
      return ((await res.json()) as { data: { id: string } }).data
    }
    const source = sandbox.cycle.state.sources[0]!.id
    // Each request reached the hub; the Berth that sent it was gone before its answer.
    const built = await post('/v1/images', { source_id: source, name: 'r-build' })
    const imported = await post('/v1/images', { source_id: source, name: 'r-import' })
    await post(`/v1/images/${imported.id}/tasks`, { action: 'import' })
    const renamed = await post('/v1/images', { source_id: source, name: 'r-old' })
    await post(`/v1/images/${renamed.id}`, { name: 'r-new' }, 'PATCH')
    const deleted = await post('/v1/images', { source_id: source, name: 'r-gone' })
    await post(`/v1/images/${deleted.id}`, undefined, 'DELETE')
    await post('/v1/images/tasks', { action: 'prune', contents: { source_ids: [source] } })
    const before = sandbox.cycle.actions.map((a) => `${a.method} ${a.path}`)

    const ids = [
      interrupted(HUB, 'image.build', 'r-build', { sourceId: source, name: 'r-build' }),
      interrupted(HUB, 'image.build', 'r-import', {
        sourceId: source,
        name: 'r-import',
        imageId: imported.id
      }),
      interrupted(HUB, 'image.rename', 'r-old', { imageId: renamed.id, name: 'r-new' }),
      interrupted(HUB, 'image.delete', 'r-gone', { imageId: deleted.id }),
      interrupted(HUB, 'images.prune', 'src', { sourceIds: [source] })
    ]
    const jobs = await restart(ids)
    expect(jobs.map((j) => [j.target, j.state, j.error])).toEqual(
      ['r-build', 'r-import', 'r-old', 'r-gone', 'src'].map((t) => [t, 'succeeded', null])
    )
    // Only the build whose import had not gone out yet sent anything: that import.
    expect(sandbox.cycle.actions.map((a) => `${a.method} ${a.path}`)).toEqual([
      ...before,
      `POST /v1/images/${built.id}/tasks`
    ])
    const byName = (name: string) => sandbox.cycle.state.images.filter((i) => i.name === name)
    expect(byName('r-build')).toHaveLength(1)
    expect(byName('r-new').map((i) => i.id)).toEqual([renamed.id])
  })
})
