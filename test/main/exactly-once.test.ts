import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSpec } from '../../src-main/store/account-spec'
import type { JobView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { openCacheWriter, type CacheWriter } from '../../src-main/sync/cache-writer'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, value } from '../support/calls'
import { tempDir } from '../support/temp-dir'

const EACH = 50
const opts = { ...FAST, cycle: { pollMs: 25, socketRetryMs: () => 30 } }
const names = (prefix: string) =>
  Array.from({ length: EACH }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`)

describe('100 actions queued offline across both platforms', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox | null
  let stores: ReturnType<typeof openStores>
  let agent: Agent | null
  let writer: CacheWriter | null = null

  beforeEach(() => {
    dir = tempDir()
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    agent?.stop()
    await writer?.close()
    stores.close()
    await sandbox?.close()
    dir.remove()
  })

  it.each([
    ['with every answer arriving', false],
    ['with connections cut right after requests are sent, 5xx and 429s', true]
  ])(
    'end in exactly 100 effects, none lost, none doubled (%s)',
    async (_label, faulty) => {
      // Learn the hub's addresses, then take it away: everything below is queued offline.
      const first = await startSandbox({ stepMs: 2 })
      const port = first.port
      const accounts: AccountSpec[] = [
        sandboxAccount(first, 'Lab'),
        {
          id: 'cycle:Hub',
          kind: 'cycle',
          name: 'Hub',
          origin: 'config',
          ...first.connection().cycle
        }
      ]
      const source = first.cycle.state.sources[0]!.id
      await first.close()
      sandbox = null

      agent = makeAgent(stores, dir.path, accounts, opts)
      agent.start()
      for (const name of names('c'))
        await value(agent, 'clusters.add', { accountId: 'qbo:Lab', name })
      for (const name of names('b'))
        await value(agent, 'cycleImages.build', { accountId: 'cycle:Hub', sourceId: source, name })
      const queued = await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', { limit: 500 })
      expect(queued.total).toBe(2 * EACH)
      expect(queued.items.every((j) => j.state === 'queued')).toBe(true)

      // Restart the agent, then bring the hub back; syncs are now written by the sync worker
      // (built by `npm test` before vitest runs), as in the app.
      agent.stop()
      writer = await openCacheWriter({
        file: `${dir.path}/cache.sqlite`,
        db: stores.db,
        workerFile: 'out/main/sync-worker.js'
      })
      expect(writer.mode).toBe('worker')
      agent = makeAgent(stores, dir.path, accounts, { ...opts, writer })
      const ended = new Set<string>()
      const logs: string[] = []
      const all = new Promise<void>((resolve) => {
        agent!.onEvent((e) => {
          if (e.type === 'job-log') logs.push(...e.lines.map((l) => l.text))
          if (e.type !== 'job' || !['succeeded', 'failed', 'unknown'].includes(e.job.state)) return
          ended.add(e.job.id)
          if (ended.size === 2 * EACH) resolve()
        })
      })
      agent.start()
      sandbox = await startSandbox({ port, stepMs: 2 })
      if (faulty) {
        sandbox.faults.qbo.dropAfterCommand = 3
        sandbox.faults.cycle.dropResponse('POST', '/v1/images', 3)
        sandbox.faults.cycle.failWith('POST', '/v1/images', 503, 2)
        sandbox.faults.cycle.failWith('POST', '/v1/images', 429, 1, 1)
      }
      await all

      const jobs = await value<MethodOutput<'jobs.list'>>(agent, 'jobs.list', { limit: 500 })
      const states = jobs.items
        .map((j: JobView) => `${j.target}:${j.state}`)
        .filter((s) => !s.endsWith(':succeeded'))
      expect(states).toEqual([])
      const clusters = sandbox.qbo.hub.clusters.map((c) => c.name).filter((n) => /^c\d{3}$/.test(n))
      expect(clusters.sort()).toEqual(names('c'))
      const images = sandbox.cycle.state.images.filter((i) => /^b\d{3}$/.test(i.name))
      expect(images.map((i) => i.name).sort()).toEqual(names('b'))
      expect(images.every((i) => i.state.current === 'live')).toBe(true)
      if (faulty) {
        // The faults really happened, and were handled by looking before sending again.
        expect(logs.filter((l) => /may have been received/.test(l)).length).toBeGreaterThanOrEqual(
          2
        )
        expect(
          logs.some((l) =>
            /qbo shows (no effect|the unconfirmed request took effect)|did arrive/.test(l)
          )
        ).toBe(true)
        expect(logs.some((l) => /The lost request (did create|created no) image/.test(l))).toBe(
          true
        )
        expect(
          logs.some((l) => /Retry|busy|not ready|rate/i.test(l) && /trying again in/.test(l))
        ).toBe(true)
      }
    },
    120_000
  )
})
