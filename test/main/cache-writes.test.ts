import Database from 'better-sqlite3'
import { NodeQuery } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { migrate, openDatabase, type Db } from '../../src-main/cache/db'
import { migrations } from '../../src-main/cache/migrations'
import type { CycleImageRecord, NodeRecord } from '../../src-main/cache/records'
import { listNodes } from '../../src-main/cache/queries'
import { patchRows, removeRows, replaceSet } from '../../src-main/cache/writes'
import { tempDir } from '../support/temp-dir'

const node = (i: number, state = 'ready'): NodeRecord => {
  const name = `node-${String(i).padStart(5, '0')}.localhost`
  const cluster = `c${i % 40}`
  return {
    name,
    id: `${name}-id`,
    cluster,
    clusterId: `${cluster}-id`,
    state,
    address: `172.18.${(i >> 8) & 255}.${i & 255}`,
    image: 'kindest/node:v1.27.2',
    os: 'Ubuntu 22.04',
    kernel: '6.1.0',
    raw: { name, cluster, state, labels: { tier: 'worker' } }
  }
}
const nodes = (n: number): NodeRecord[] => Array.from({ length: n }, (_, i) => node(i))

const image = (key: string, name: string, state: string): CycleImageRecord => ({
  key,
  id: key,
  name,
  state,
  size: 1024,
  sourceId: 's1',
  sourceType: 'docker-hub',
  creator: 'u1',
  containers: 0,
  createdAt: '2024-01-01T00:00:00Z',
  error: null,
  raw: { id: key, name, state: { current: state } }
})

describe('cache writes: only what changed', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  /**
   * Rows of `nodes` inserted, updated and deleted while `run` ran, counted by temporary triggers
   * of this connection (total_changes() would also count what other triggers do, e.g. search).
   */
  const nodeWritesBy = (run: () => unknown): number => {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS node_writes (op TEXT);
      DELETE FROM node_writes;
      CREATE TEMP TRIGGER IF NOT EXISTS nodes_ins AFTER INSERT ON main.nodes
        BEGIN INSERT INTO node_writes VALUES ('insert'); END;
      CREATE TEMP TRIGGER IF NOT EXISTS nodes_upd AFTER UPDATE ON main.nodes
        BEGIN INSERT INTO node_writes VALUES ('update'); END;
      CREATE TEMP TRIGGER IF NOT EXISTS nodes_del AFTER DELETE ON main.nodes
        BEGIN INSERT INTO node_writes VALUES ('delete'); END;
    `)
    run()
    return db.prepare('SELECT COUNT(*) FROM node_writes').pluck().get() as number
  }
  /** Every row SQLite changed on this connection while `run` ran, whatever the table. */
  const allChangesBy = (run: () => unknown): number => {
    const total = (): number => db.prepare('SELECT total_changes()').pluck().get() as number
    const before = total()
    run()
    return total() - before
  }
  const stamps = (): Array<[string, number]> =>
    db.prepare('SELECT name, confirmed_at FROM nodes ORDER BY name').raw().all() as Array<
      [string, number]
    >
  const syncedAt = (kind: string): number =>
    db
      .prepare('SELECT synced_at FROM sync_state WHERE account_id = ? AND resource = ?')
      .pluck()
      .get('a', kind) as number

  beforeEach(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    upsertAccount(db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
  })
  afterEach(() => {
    db.close()
    dir.remove()
  })

  it('writes no row when a refresh brings the same 10,000 records again, and says so', () => {
    const first = replaceSet(db, 'a', 'nodes', nodes(10_000), 1000)
    const before = stamps()
    let summary
    // The one change in the whole file is the set's own freshness stamp in sync_state.
    expect(allChangesBy(() => (summary = replaceSet(db, 'a', 'nodes', nodes(10_000), 2000)))).toBe(
      1
    )
    expect(first).toMatchObject({ inserted: 10_000, updated: 0, removed: 0, unchanged: 0 })
    expect(summary).toEqual({
      inserted: 0,
      updated: 0,
      removed: 0,
      unchanged: 10_000,
      changed: [],
      gone: []
    })
    expect(stamps()).toEqual(before)
    expect(syncedAt('nodes')).toBe(2000)
  })

  it('still calls an unchanged row confirmed by the latest sync, and a pushed row by its push', () => {
    replaceSet(db, 'a', 'nodes', nodes(3), 1000)
    replaceSet(db, 'a', 'nodes', nodes(3), 2000)
    patchRows(db, 'a', 'nodes', [node(1, 'notready')], 3000)
    const confirmed = listNodes(db, NodeQuery.parse({ accountId: 'a' })).items.map(
      (r) => r.confirmedAt
    )
    expect(confirmed).toEqual([2000, 3000, 2000])
  })

  it('writes one row for one changed record, and reports its brief before and after', () => {
    replaceSet(db, 'a', 'nodes', nodes(10_000), 1000)
    const next = nodes(10_000)
    next[7] = node(7, 'stopped')
    let summary
    expect(nodeWritesBy(() => (summary = replaceSet(db, 'a', 'nodes', next, 2000)))).toBe(1)
    expect(summary).toEqual({
      inserted: 0,
      updated: 1,
      removed: 0,
      unchanged: 9_999,
      changed: [
        {
          key: 'node-00007.localhost',
          before: { state: 'ready', cluster: 'c7' },
          after: { state: 'stopped', cluster: 'c7' }
        }
      ],
      gone: []
    })
    const row = db
      .prepare('SELECT state, confirmed_at AS at FROM nodes WHERE name = ?')
      .get('node-00007.localhost')
    // A row's confirmed_at is when it last changed; the set's freshness is sync_state's.
    expect(row).toEqual({ state: 'stopped', at: 2000 })
    expect(stamps().filter(([, at]) => at === 1000)).toHaveLength(9_999)
  })

  it('sees a change in the raw JSON alone, or in a column alone', () => {
    replaceSet(db, 'a', 'nodes', [node(1), node(2)], 1000)
    const rawOnly = { ...node(1), raw: { ...(node(1).raw as object), labels: { tier: 'gpu' } } }
    const columnOnly = { ...node(2), kernel: '6.8.0' }
    const summary = replaceSet(db, 'a', 'nodes', [rawOnly, columnOnly], 2000)
    expect(summary).toMatchObject({ updated: 2, unchanged: 0, changed: [] })
    const rows = db.prepare('SELECT kernel, raw FROM nodes ORDER BY name').all() as Array<{
      kernel: string
      raw: string
    }>
    expect(JSON.parse(rows[0]!.raw)).toMatchObject({ labels: { tier: 'gpu' } })
    expect(rows[1]!.kernel).toBe('6.8.0')
  })

  it('deletes only the keys that vanished, inserts the new, and tells what went', () => {
    replaceSet(db, 'a', 'nodes', nodes(100), 1000)
    const next = nodes(100)
      .filter((_, i) => i !== 3 && i !== 50)
      .concat(node(100))
    let summary
    expect(nodeWritesBy(() => (summary = replaceSet(db, 'a', 'nodes', next, 2000)))).toBe(2 + 1)
    expect(summary).toEqual({
      inserted: 1,
      updated: 0,
      removed: 2,
      unchanged: 98,
      changed: [],
      gone: [
        { key: 'node-00003.localhost', before: { state: 'ready', cluster: 'c3' } },
        { key: 'node-00050.localhost', before: { state: 'ready', cluster: 'c10' } }
      ]
    })
    const names = db.prepare('SELECT name FROM nodes ORDER BY name').pluck().all()
    expect(names).toHaveLength(99)
    expect(names).not.toContain('node-00003.localhost')
    expect(names).toContain('node-00100.localhost')
  })

  it('leaves other accounts’ rows alone', () => {
    upsertAccount(db, { id: 'b', kind: 'qbo', name: 'B', endpoint: 'ws://b' })
    replaceSet(db, 'b', 'nodes', nodes(5), 1000)
    replaceSet(db, 'a', 'nodes', nodes(5), 1000)
    expect(replaceSet(db, 'a', 'nodes', [], 2000)).toMatchObject({ removed: 5 })
    expect(db.prepare(`SELECT COUNT(*) FROM nodes WHERE account_id = 'b'`).pluck().get()).toBe(5)
  })

  it('patches only pushed rows that differ, and reports their state change', () => {
    replaceSet(db, 'a', 'nodes', nodes(10), 1000)
    let summary
    expect(nodeWritesBy(() => (summary = patchRows(db, 'a', 'nodes', [node(4)], 2000)))).toBe(0)
    expect(summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 })
    expect(
      nodeWritesBy(
        () => (summary = patchRows(db, 'a', 'nodes', [node(4, 'stopped'), node(10)], 3000))
      )
    ).toBe(2)
    expect(summary).toMatchObject({
      inserted: 1,
      updated: 1,
      unchanged: 0,
      changed: [{ key: 'node-00004.localhost', before: { state: 'ready' } }]
    })
  })

  it('removes announced rows by key and reports each as it last was', () => {
    replaceSet(db, 'a', 'cycleImages', [image('i1', 'api', 'live'), image('i2', 'web', 'live')])
    expect(removeRows(db, 'a', 'cycleImages', ['i2', 'unknown'])).toEqual({
      inserted: 0,
      updated: 0,
      removed: 1,
      unchanged: 0,
      changed: [],
      gone: [{ key: 'i2', before: { state: 'live', name: 'web', id: 'i2' } }]
    })
    expect(db.prepare('SELECT key FROM cycle_images').pluck().all()).toEqual(['i1'])
  })

  it('leaves the whole previous set when a write fails part-way', () => {
    replaceSet(db, 'a', 'nodes', nodes(10), 1000)
    const next = nodes(10).map((n, i) => (i < 5 ? { ...n, state: 'stopped' } : n))
    next.push({ ...node(11), cluster: null as unknown as string })
    expect(() => replaceSet(db, 'a', 'nodes', next, 2000)).toThrow()
    expect(db.prepare(`SELECT DISTINCT state FROM nodes`).pluck().all()).toEqual(['ready'])
    expect(syncedAt('nodes')).toBe(1000)
  })

  it('rewrites once the rows cached before content hashes existed, then no more', () => {
    const file = `${dir.path}/old.sqlite`
    const old = new Database(file)
    migrate(old, { label: 'cache', migrations: migrations.slice(0, 3) })
    old.exec(`INSERT INTO accounts VALUES ('a', 'qbo', 'A', 'ws://a', 0)`)
    const insert = old.prepare(
      `INSERT INTO nodes (account_id, name, id, cluster, cluster_id, state, address, image, os,
         kernel, raw, confirmed_at) VALUES ('a', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 500)`
    )
    for (const n of nodes(20)) {
      insert.run(
        n.name,
        n.id,
        n.cluster,
        n.clusterId,
        n.state,
        n.address,
        n.image,
        n.os,
        n.kernel,
        JSON.stringify(n.raw)
      )
    }
    old.close()
    const migrated = openDatabase(file)
    try {
      expect(migrated.prepare('SELECT COUNT(*) FROM nodes WHERE hash IS NULL').pluck().get()).toBe(
        20
      )
      expect(replaceSet(migrated, 'a', 'nodes', nodes(20), 1000)).toMatchObject({
        updated: 20,
        changed: []
      })
      expect(replaceSet(migrated, 'a', 'nodes', nodes(20), 2000)).toMatchObject({
        updated: 0,
        unchanged: 20
      })
    } finally {
      migrated.close()
    }
  })
})
