import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobAction } from '@contract'
import {
  startSandbox,
  type CycleActionRecord,
  type QboActionRecord,
  type Sandbox
} from '../../src-main/sandbox'
import { JobStore, type JobArgs } from '../../src-main/store/job-store'
import { openStateDatabase } from '../../src-main/store/state-db'
import { tempDir } from '../support/temp-dir'
import { spawnAgent, type AgentProcess } from './support/agent-process'
import { qboLab, writeConfig } from './support/lab'

const KILLS = 20
const LAB = 'qbo:Lab'
const HUB = 'cycle:Hub'
/** However long an agent may take to boot, reconcile the last job and send the next. */
const STEP_TIMEOUT_MS = 20_000
const names = (prefix: string) =>
  Array.from({ length: KILLS }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`)

/** Which action a Cycle change request is. */
function cycleKind(a: CycleActionRecord): string {
  if (a.method === 'POST' && a.path === '/v1/images') return 'build'
  if (a.method === 'POST' && a.path === '/v1/images/sources') return 'source'
  if (a.method === 'POST' && a.path === '/v1/images/tasks') return 'prune'
  if (a.method === 'POST' && /^\/v1\/images\/[^/]+\/tasks$/.test(a.path)) return 'import'
  if (a.method === 'PATCH') return 'rename'
  if (a.method === 'DELETE') return 'delete'
  return `${a.method} ${a.path}`
}

describe('killing Berth while each kind of action is in flight', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let config: string
  const stateFile = () => `${dir.path}/state.sqlite`
  /** The agent to kill the moment the hub has acted on a request of its (and not answered). */
  let armed: { run: AgentProcess; killed: () => void } | null = null
  let running: AgentProcess | null = null
  const kills = new Map<string, number>()

  const kill = (kind: string): void => {
    if (!armed) return
    armed.run.child.kill('SIGKILL')
    kills.set(kind, (kills.get(kind) ?? 0) + 1)
    armed.killed()
    armed = null
  }
  const start = (): AgentProcess => {
    running = spawnAgent(['--data', dir.path, '--config', config])
    return running
  }

  /** Queues actions the way the UI does: written to the state file, sent by the agent later. */
  const queue = (
    accountId: string,
    actions: readonly { action: JobAction; target: string; args?: JobArgs }[]
  ): string[] => {
    const db = openStateDatabase(stateFile())
    try {
      const jobs = new JobStore(db)
      return actions.map(
        ({ action, target, args = {} }) =>
          jobs.create({ accountId, action, target, args, title: `${action} ${target}` }).id
      )
    } finally {
      db.close()
    }
  }
  const jobsIn = (ids: readonly string[]) => {
    const db = new Database(stateFile(), { readonly: true, fileMustExist: true })
    try {
      const rows = db.prepare('SELECT id, state, error, args FROM jobs').all() as {
        id: string
        state: string
        error: string | null
        args: string
      }[]
      return ids.map((id) => rows.find((r) => r.id === id)!)
    } finally {
      db.close()
    }
  }

  /**
   * Starts the agent `times` times; each run is killed (SIGKILL) the moment the sandbox has
   * acted on one of its action requests, whose answer the sandbox holds back.
   */
  async function killAtEachAction(times: number): Promise<void> {
    for (let round = 1; round <= times; round++) {
      const run = start()
      let timer: NodeJS.Timeout | undefined
      const outcome = await new Promise<string>((resolve) => {
        armed = { run, killed: () => resolve('killed') }
        void run.exited.then(() => resolve('exited by itself'))
        timer = setTimeout(() => resolve('sent nothing in time'), STEP_TIMEOUT_MS)
      })
      clearTimeout(timer)
      armed = null
      if (outcome !== 'killed') run.child.kill('SIGKILL')
      await run.exited
      if (outcome !== 'killed') throw new Error(`run ${round}: ${outcome}\n${run.output()}`)
    }
  }

  /** Starts the agent once more, unharmed, until every job has ended; then stops it. */
  async function finish(ids: readonly string[]): Promise<void> {
    const run = start()
    const deadline = Date.now() + STEP_TIMEOUT_MS
    try {
      const live = () => jobsIn(ids).filter((j) => j.state === 'queued' || j.state === 'running')
      while (live().length > 0) {
        if (Date.now() > deadline) {
          const seen = [
            ...sandbox.qbo.actions.map((a) => a.verb),
            ...sandbox.cycle.actions.map(cycleKind)
          ]
          const times = Object.fromEntries(
            [...new Set(seen)].map((k) => [k, count(seen, (s) => s === k)])
          )
          throw new Error(
            `${live().length} jobs did not end; the hub saw ${JSON.stringify(times)}:\n${run.output()}`
          )
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } finally {
      run.child.kill('SIGTERM')
      await run.exited
    }
  }

  const count = <T>(items: readonly T[], match: (item: T) => boolean): number =>
    items.filter(match).length

  beforeAll(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 2 })
    // The hub acts at once; its word on it would come far too late for the agent to hear it.
    sandbox.faults.qbo.actionDelayMs = 60_000
    sandbox.faults.cycle.actionDelayMs = 60_000
    sandbox.qbo.onAction((a: QboActionRecord) => kill(`qbo ${a.verb}`))
    sandbox.cycle.onAction((a) => kill(`cycle ${cycleKind(a)}`))
    config = writeConfig(dir.path, [
      qboLab(sandbox),
      { kind: 'cycle', name: 'Hub', ...sandbox.connection().cycle }
    ])
  })
  afterAll(async () => {
    running?.child.kill('SIGKILL')
    await running?.exited
    await sandbox.close()
    dir.remove()
  })

  it(`qbo add, start, stop and delete: killed ${KILLS} times during each, each action is seen once`, async () => {
    const clusters = names('kill')
    const ids = queue(
      LAB,
      (['add', 'stop', 'start', 'delete'] as const).flatMap((action) =>
        clusters.map((target) => ({ action, target }))
      )
    )
    await killAtEachAction(4 * KILLS)
    await finish(ids)

    expect(Object.fromEntries(kills)).toEqual({
      'qbo add': KILLS,
      'qbo stop': KILLS,
      'qbo start': KILLS,
      'qbo delete': KILLS
    })
    expect(jobsIn(ids).filter((j) => j.state !== 'succeeded')).toEqual([])
    const seen = sandbox.qbo.actions
    for (const cluster of clusters) {
      const on = (verb: string) =>
        count(seen, (a) => a.verb === verb && a.command.split(/\s+/)[2] === cluster)
      expect([on('add'), on('stop'), on('start'), on('delete')], cluster).toEqual([1, 1, 1, 1])
    }
    expect(sandbox.qbo.hub.clusters.filter((c) => clusters.includes(c.name))).toEqual([])
  }, 240_000)

  it(`Cycle build, import, rename, delete and prune: killed ${KILLS} times during each, each action is seen once`, async () => {
    kills.clear()
    const source = sandbox.cycle.state.sources[0]!.id
    const built = names('kill-b')
    const builds = queue(HUB, [
      ...built.map((name) => ({
        action: 'image.build' as const,
        target: name,
        args: { sourceId: source, name }
      })),
      ...built.map(() => ({
        action: 'images.prune' as const,
        target: 'source',
        args: { sourceIds: [source] }
      }))
    ])
    // Each build is killed twice: once creating the image, once starting its import.
    await killAtEachAction(3 * KILLS)
    await finish(builds)
    const images = jobsIn(builds.slice(0, KILLS)).map(
      (j) => (JSON.parse(j.args) as JobArgs).imageId!
    )
    const renamed = names('kill-r')
    const changes = queue(HUB, [
      ...images.map((imageId, i) => ({
        action: 'image.rename' as const,
        target: built[i]!,
        args: { imageId, name: renamed[i] }
      })),
      ...images.map((imageId, i) => ({
        action: 'image.delete' as const,
        target: renamed[i]!,
        args: { imageId }
      }))
    ])
    await killAtEachAction(2 * KILLS)
    await finish(changes)

    expect(Object.fromEntries(kills)).toEqual({
      'cycle build': KILLS,
      'cycle import': KILLS,
      'cycle prune': KILLS,
      'cycle rename': KILLS,
      'cycle delete': KILLS
    })
    expect(jobsIn([...builds, ...changes]).filter((j) => j.state !== 'succeeded')).toEqual([])
    const seen = sandbox.cycle.actions
    expect(count(seen, (a) => cycleKind(a) === 'build')).toBe(KILLS)
    expect(count(seen, (a) => cycleKind(a) === 'prune')).toBe(KILLS)
    for (const id of images) {
      const on = (kind: string) =>
        count(seen, (a) => cycleKind(a) === kind && a.path.startsWith(`/v1/images/${id}`))
      expect([on('import'), on('rename'), on('delete')], id).toEqual([1, 1, 1])
    }
    const state = sandbox.cycle.state.images
    for (const [i, name] of renamed.entries()) {
      expect(state.filter((image) => image.name === name).map((image) => image.id)).toEqual([
        images[i]
      ])
    }
    expect(state.filter((image) => built.includes(image.name))).toEqual([])
  }, 240_000)

  it(`Cycle source creation: killed ${KILLS} times, each source is created once`, async () => {
    kills.clear()
    const made = names('kill-s')
    const origin = { type: 'docker-hub' as const, target: 'library/nginx:1.27' }
    const ids = queue(
      HUB,
      made.map((name) => ({
        action: 'source.create' as const,
        target: name,
        args: { name, origin }
      }))
    )
    await killAtEachAction(KILLS)
    await finish(ids)

    expect(Object.fromEntries(kills)).toEqual({ 'cycle source': KILLS })
    expect(jobsIn(ids).filter((j) => j.state !== 'succeeded')).toEqual([])
    expect(count(sandbox.cycle.actions, (a) => cycleKind(a) === 'source')).toBe(KILLS)
    for (const name of made) {
      expect(
        sandbox.cycle.state.sources.filter((s) => s.name === name),
        name
      ).toHaveLength(1)
    }
  }, 240_000)
})
