import { existsSync } from 'node:fs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AgentEvent, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import {
  InThreadCacheWriter,
  openCacheWriter,
  type CacheWriter
} from '../../src-main/sync/cache-writer'
import { upsertAccount } from '../../src-main/cache/accounts'
import { startSandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount, tokenAccount } from '../support/agent'
import { scriptedQbo } from '../support/bare-qbo'
import { tempDir } from '../support/temp-dir'
import { nextEvent } from '../support/wait'
import { builtFile } from '../support/build-dir'

/** `npm test` builds before vitest runs, so the worker's bundle is there. */
const WORKER = builtFile('main/sync-worker.js')
const NODES = 50_000
/** Syncing tens of thousands of rows on a busy two-core machine takes a while. */
const LONG = 90_000

const node = (i: number) => ({
  name: `node-${String(i).padStart(6, '0')}.localhost`,
  id: `${i}`.padStart(64, '0'),
  image: 'kindest/node:v1.27.2',
  cluster: `c${Math.floor(i / 250)}`,
  state: 'ready',
  address: `172.18.${Math.floor(i / 250) % 250}.${i % 250}`,
  os: 'Ubuntu 22.04',
  kernel: '6.1.0',
  user: 'sandbox@berth.local',
  cluster_id: `${Math.floor(i / 250)}`
})

const empty: Record<string, Record<string, unknown>> = {
  'get clusters -A': { clusters: [] },
  'get images': { images: [] },
  'get networks -A': { networks: [] },
  'get pods -A': { pods: [] },
  'get services -A': { services: [] },
  'get ipvs -A': { ipvs: [] }
}

/** The writer as the agent sees it, telling the test when the big set has been handed over. */
function watched(writer: CacheWriter, handedOver: () => void): CacheWriter {
  return {
    get mode() {
      return writer.mode
    },
    replace: (...a) => writer.replace(...a),
    qboReply: (accountId, payload, bytes, now) => {
      if (payload === 'nodes') handedOver()
      return writer.qboReply(accountId, payload, bytes, now)
    },
    patch: (...a) => writer.patch(...a),
    remove: (...a) => writer.remove(...a),
    beginSet: (...a) => writer.beginSet(...a),
    warm: () => writer.warm(),
    close: () => writer.close()
  }
}

describe('the serving thread during a large sync', () => {
  const cleanups: Array<() => unknown> = []
  let bigReply: string
  beforeAll(() => {
    bigReply = JSON.stringify({
      status: 'OK',
      code: 200,
      command_line: 'qbo get nodes -A',
      nodes: Array.from({ length: NODES }, (_, i) => node(i))
    })
  })
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  /**
   * Syncs 100k nodes; once the reply has been handed to the writer, asks `nodes.list` on the next
   * turn of the event loop and records which came first: its answer, or the sync's end.
   */
  async function raceQueryAgainstSync(
    open: (db: ReturnType<typeof openStores>['db'], file: string) => Promise<CacheWriter>
  ): Promise<{ order: string[]; agent: Agent; mode: CacheWriter['mode'] }> {
    const server = await scriptedQbo((cmd) =>
      cmd === 'get nodes -A' ? bigReply : (empty[cmd] ?? {})
    )
    cleanups.push(server.close)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    const real = await open(stores.db, `${dir.path}/cache.sqlite`)
    cleanups.push(() => real.close())
    const order: string[] = []
    let asked: Promise<unknown> | null = null
    const writer = watched(real, () => {
      asked = new Promise((done) =>
        setTimeout(() => {
          void agent.call('nodes.list', { limit: 50 }).then((r) => {
            order.push('query answered')
            done(r)
          })
        })
      )
    })
    const agent = makeAgent(stores, dir.path, [tokenAccount('Lab', server.url, 't')], {
      policy: { refreshMs: 0 },
      writer
    })
    cleanups.push(() => agent.stop())
    const synced = nextEvent(
      agent,
      (e: AgentEvent) => e.type === 'changed' && e.kind === 'nodes'
    ).then(() => order.push('sync ended'))
    agent.start()
    await synced
    await asked
    return { order, agent, mode: real.mode }
  }

  it(
    'answers a query issued mid-sync before the sync ends (the sync worker)',
    async () => {
      expect(existsSync(WORKER)).toBe(true)
      const { order, agent, mode } = await raceQueryAgainstSync((db, file) =>
        openCacheWriter({ file, db, workerFile: WORKER })
      )
      expect(mode).toBe('worker')
      expect(order).toEqual(['query answered', 'sync ended'])
      // And the sync did land, whole, where the serving thread reads.
      const page = (await agent.call('nodes.list', { limit: 1 })) as {
        ok: true
        value: MethodOutput<'nodes.list'>
      }
      expect(page.value.total).toBe(NODES)
    },
    LONG
  )

  it(
    'on the serving thread the same query waits for the whole sync (why the worker exists)',
    async () => {
      const { order, mode } = await raceQueryAgainstSync((db) =>
        Promise.resolve(new InThreadCacheWriter(db))
      )
      expect(mode).toBe('in-thread')
      expect(order).toEqual(['sync ended', 'query answered'])
    },
    LONG
  )
})

describe('the sync worker as the agent’s writer', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function agentWithWorker(accounts: Parameters<typeof makeAgent>[2]) {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    const writer = await openCacheWriter({
      file: `${dir.path}/cache.sqlite`,
      db: stores.db,
      workerFile: WORKER
    })
    cleanups.push(() => writer.close())
    expect(writer.mode).toBe('worker')
    const agent = makeAgent(stores, dir.path, accounts, {
      policy: { refreshMs: 0 },
      writer
    })
    cleanups.push(() => agent.stop())
    return { agent, db: stores.db }
  }

  it('syncs every kind of a qbo account and a Cycle hub (replies arriving together included)', async () => {
    const sandbox = await startSandbox({ cycleImages: 1_000 })
    cleanups.push(() => sandbox.close())
    const { agent, db } = await agentWithWorker([
      sandboxAccount(sandbox, 'Lab'),
      {
        id: 'cycle:Hub',
        kind: 'cycle',
        name: 'Hub',
        origin: 'config',
        ...sandbox.connection().cycle
      }
    ])
    const synced = (id: string) =>
      nextEvent(
        agent,
        (e) => e.type === 'account' && e.account.id === id && e.account.lastSyncAt !== null
      )
    const both = Promise.all([synced('qbo:Lab'), synced('cycle:Hub')])
    agent.start()
    await both
    const count = (table: string) =>
      db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number
    expect(count('nodes')).toBe(sandbox.qbo.hub.nodes.length)
    expect(count('clusters')).toBe(sandbox.qbo.hub.clusters.length)
    expect(count('pods')).toBeGreaterThan(0)
    expect(count('cycle_images')).toBe(sandbox.cycle.state.images.length)
    expect(count('cycle_sources')).toBe(sandbox.cycle.state.sources.length)
  })

  it('a large malformed reply fails the refresh in the worker and leaves the cache as it was', async () => {
    let broken = false
    const bad = JSON.stringify({
      status: 'OK',
      code: 200,
      command_line: 'qbo get nodes -A',
      nodes: [...Array.from({ length: 5_000 }, (_, i) => node(i)), { name: 'n', state: 7 }]
    })
    const good = JSON.stringify({
      status: 'OK',
      code: 200,
      command_line: 'qbo get nodes -A',
      nodes: [node(1)]
    })
    const server = await scriptedQbo((cmd) =>
      cmd === 'get nodes -A' ? (broken ? bad : good) : (empty[cmd] ?? {})
    )
    cleanups.push(server.close)
    const { agent, db } = await agentWithWorker([tokenAccount('Lab', server.url, 't')])
    const first = nextEvent(agent, (e) => e.type === 'changed' && e.kind === 'nodes')
    agent.start()
    await first
    await agent.refresh()
    broken = true
    const reported = nextEvent(agent, (e) => e.type === 'account' && e.account.syncError !== null)
    await agent.refresh()
    const event = await reported
    if (event.type !== 'account') throw new Error('expected an account event')
    expect(event.account.syncError).toMatch(/malformed nodes/)
    expect(db.prepare('SELECT name FROM nodes').pluck().all()).toEqual([node(1).name])
  })

  it('without a built worker the agent still syncs, on its own thread, and the log says so once', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stores = openStores(dir.path)
    cleanups.push(stores.close)
    const said: string[] = []
    const writer = await openCacheWriter({
      file: `${dir.path}/cache.sqlite`,
      db: stores.db,
      workerFile: `${dir.path}/no-such-worker.js`,
      log: (m) => said.push(m)
    })
    expect(writer.mode).toBe('in-thread')
    expect(said).toEqual([expect.stringContaining('writing the cache on the main thread')])
    upsertAccount(stores.db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
    const result = await writer.replace(
      'a',
      'clusters',
      [{ name: 'c', id: '', address: '', controlPlane: '', state: 'running', raw: {} }],
      Date.now()
    )
    expect(result.rows).toBe(1)
    expect(stores.db.prepare('SELECT name FROM clusters').pluck().all()).toEqual(['c'])
  })
})
