import { writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { openStateDatabase } from '../../src-main/store/state-db'
import { JobStore } from '../../src-main/store/job-store'
import { tempDir } from '../support/temp-dir'
import { startHeadless } from './support/headless-process'

const KILLS = 20
const TABLES = ['nodes', 'images', 'networks', 'clusters', 'pods', 'services', 'load_balancers']

describe('killing the agent at random moments during large syncs', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let config: string

  beforeAll(async () => {
    dir = tempDir()
    sandbox = await startSandbox({ clusters: 60, nodesPerCluster: 40 })
    config = `${dir.path}/config.json`
    const { url, token } = sandbox.connection().qbo
    writeFileSync(
      config,
      JSON.stringify({
        accounts: [
          { kind: 'qbo', name: 'Big', url, token },
          // Never reachable: its queued jobs must survive every kill untouched.
          { kind: 'qbo', name: 'Away', url: 'ws://127.0.0.1:1/', token: 't' }
        ]
      })
    )
    const state = openStateDatabase(`${dir.path}/state.sqlite`)
    const jobs = new JobStore(state)
    for (let i = 0; i < 5; i++) {
      jobs.create({
        accountId: 'qbo:Away',
        action: 'add',
        target: `c${i}`,
        args: {},
        title: `Create cluster c${i}`
      })
    }
    state.close()
  })
  afterAll(async () => {
    await sandbox.close()
    dir.remove()
  })

  it(`leaves a cache that passes integrity_check and holds whole sets, and loses no job (${KILLS} kills)`, async () => {
    const expected: Record<string, number> = {
      nodes: sandbox.qbo.hub.nodes.length,
      images: sandbox.qbo.hub.images.length,
      networks: sandbox.qbo.hub.networks.length,
      clusters: sandbox.qbo.hub.clusters.length,
      pods: sandbox.qbo.hub.pods.length,
      services: sandbox.qbo.hub.services.length,
      load_balancers: sandbox.qbo.hub.ipvs.length
    }
    let sawData = false
    for (let kill = 0; kill < KILLS; kill++) {
      const run = await startHeadless(['--data', dir.path, '--config', config])
      // The kill lands anywhere from before the first sync to well into the writes.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 400)))
      expect(await run.stop('SIGKILL')).toBeNull()

      const db = new Database(`${dir.path}/cache.sqlite`)
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        for (const table of TABLES) {
          const rows = db
            .prepare(
              `SELECT COUNT(*) AS n, COUNT(DISTINCT confirmed_at) AS stamps FROM ${table} WHERE account_id = 'qbo:Big'`
            )
            .get() as { n: number; stamps: number }
          // A set is replaced whole or not at all: never a mix of two refreshes, never half of one.
          expect(rows.stamps).toBeLessThanOrEqual(1)
          if (rows.n > 0) {
            expect(rows.n).toBe(expected[table])
            sawData = true
          }
        }
      } finally {
        db.close()
      }
      const state = new Database(`${dir.path}/state.sqlite`)
      try {
        expect(state.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(
          state
            .prepare(`SELECT COUNT(*) FROM jobs WHERE account_id = 'qbo:Away' AND state = 'queued'`)
            .pluck()
            .get()
        ).toBe(5)
      } finally {
        state.close()
      }
    }
    expect(sawData).toBe(true)
  })
})
