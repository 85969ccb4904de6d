// Migration 9 stores each naturally sorted column's key beside it (`<column>_nat`): a cache
// written before keeps its rows and order, Berth's writers compute each key once per row written
// (not once per index), and any SQLite connection, without Berth's natural_key(), can read and
// check the cache.
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src-main/cache/db'
import { migrations } from '../../src-main/cache/migrations'
import { naturalColumnsOf, naturalKey, registerNaturalKey } from '../../src-main/cache/natural-key'
import { listNodes, listPods } from '../../src-main/cache/queries'
import type { NodeRecord, PodRecord } from '../../src-main/cache/records'
import { BULK_ROWS, SetWrite } from '../../src-main/cache/set-write'
import { StagedRows } from '../../src-main/cache/staged-rows'
import { patchRows, replaceSet } from '../../src-main/cache/writes'
import { tempDir } from '../support/temp-dir'

const TABLES = [
  'nodes',
  'images',
  'clusters',
  'pods',
  'services',
  'load_balancers',
  'cycle_images',
  'cycle_jobs'
]

const node = (i: number): NodeRecord => {
  const name = `node-${(i * 7919) % 100_003}`
  return {
    name,
    id: `${name}-id`,
    cluster: `cluster-${i % 12}`,
    clusterId: `c${i % 12}`,
    state: 'ready',
    address: `10.0.${(i >> 8) & 255}.${i & 255}`,
    image: `v1.26.${i % 20}`,
    os: 'Ubuntu',
    kernel: '6.1',
    raw: { name }
  }
}

const pod = (i: number): PodRecord => ({
  key: `ns-${i % 5}/pod-${i}`,
  name: `pod-${i}`,
  id: `pod-${i}-id`,
  namespace: `ns-${i % 5}`,
  address: `10.1.0.${i % 250}`,
  status: 'Running',
  ready: '1/1',
  started: '',
  node: `node-${i % 30}`,
  cluster: `cluster-${i % 12}`,
  raw: {}
})

/** The names as natural order lists them, for comparison. */
const naturally = (names: readonly string[]): string[] =>
  [...names].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : 1))

/** A cache as Berth wrote it at schema 8 (natural_key() registered, as Berth's connections did). */
function cacheAtSchema8(file: string): void {
  const old = new Database(file)
  old.pragma('journal_mode = WAL')
  registerNaturalKey(old)
  for (const sql of migrations.slice(0, 8)) old.exec(sql)
  old.pragma('user_version = 8')
  old.exec(`INSERT INTO accounts VALUES ('a', 'qbo', 'A', 'ws://a', 0)`)
  const insert = old.prepare(
    `INSERT INTO nodes (account_id, name, id, cluster, cluster_id, state, address, image, os,
       kernel, raw, confirmed_at, hash) VALUES ('a', ?, ?, ?, '', 'ready', ?, ?, '', '', '{}', 1, 'h')`
  )
  for (let i = 0; i < 40; i++) {
    insert.run(`node-${39 - i}`, `n${i}`, `cluster-${i % 12}`, `10.0.0.${i}`, `v1.26.${i % 20}`)
  }
  old.close()
}

describe('migration 9: stored natural-order keys', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db | undefined
  let plain: Database.Database | undefined
  let file: string
  beforeEach(() => {
    dir = tempDir()
    file = `${dir.path}/cache.sqlite`
  })
  afterEach(() => {
    db?.close()
    plain?.close()
    db = plain = undefined
    dir.remove()
  })

  it('brings a schema-8 cache up to date: rows, counts and natural order kept, keys stored', () => {
    cacheAtSchema8(file)
    db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    const rows = db
      .prepare('SELECT name, name_nat, cluster, cluster_nat FROM nodes')
      .all() as Array<Record<string, string>>
    expect(rows).toHaveLength(40)
    for (const r of rows) {
      expect(r.name_nat).toBe(naturalKey(r.name as string))
      expect(r.cluster_nat).toBe(naturalKey(r.cluster as string))
    }
    expect(db.prepare('SELECT hash FROM nodes GROUP BY hash').pluck().all()).toEqual(['h'])
    const counted = db.prepare(`SELECT SUM(n) FROM row_counts WHERE tbl = 'nodes'`).pluck().get()
    expect(counted).toBe(40)
    const page = (field: 'name' | 'cluster' | 'address' | 'image') =>
      listNodes(db as Db, { sort: { field, dir: 'asc' }, offset: 0, limit: 100 }).items
    const names = rows.map((r) => r.name as string)
    expect(page('name').map((n) => n.name)).toEqual(naturally(names))
    expect(page('address').map((n) => n.address)).toEqual(
      naturally(rows.map((r) => `10.0.0.${39 - Number((r.name as string).slice(5))}`))
    )
    expect(page('image').map((n) => n.image)).toEqual(naturally(page('image').map((n) => n.image)))
    expect(page('image')[0]?.image).toBe('v1.26.0')
  })

  it('stores exactly the keys the writers fill, in every table sorted naturally', () => {
    db = openDatabase(file)
    for (const table of TABLES) {
      const columns = (db.pragma(`table_info(${table})`) as Array<{ name: string }>)
        .map((c) => c.name)
        .filter((c) => c.endsWith('_nat'))
      expect(columns, table).toEqual(naturalColumnsOf(table).map((c) => `${c}_nat`))
    }
    // No index of the cache is built on an expression any more.
    const expressions = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%natural_key%'`)
      .pluck()
      .all()
    expect(expressions).toEqual([])
  })

  it('lets a connection without natural_key() read and check a filled cache', () => {
    db = openDatabase(file)
    db.exec(`INSERT INTO accounts VALUES ('a', 'qbo', 'A', 'ws://a', 0)`)
    replaceSet(
      db,
      'a',
      'nodes',
      Array.from({ length: BULK_ROWS + 10 }, (_, i) => node(i))
    )
    replaceSet(
      db,
      'a',
      'pods',
      Array.from({ length: 300 }, (_, i) => pod(i))
    )
    patchRows(db, 'a', 'nodes', [{ ...node(3), cluster: 'cluster-100' }])
    db.close()
    db = undefined

    plain = new Database(file)
    expect(() => plain?.prepare(`SELECT natural_key('x')`)).toThrow(/no such function/)
    expect(plain.pragma('integrity_check', { simple: true })).toBe('ok')
    const first = plain
      .prepare(`SELECT name FROM nodes ORDER BY name_nat LIMIT 3`)
      .pluck()
      .all() as string[]
    expect(first).toEqual(
      naturally(Array.from({ length: BULK_ROWS + 10 }, (_, i) => node(i).name)).slice(0, 3)
    )
    // Deleting, and writing what leaves the sorted columns be, need no function either; a row
    // written without its keys does (a trigger computes them).
    plain.prepare(`DELETE FROM pods WHERE name = 'pod-1'`).run()
    plain.prepare(`UPDATE pods SET status = 'Failed' WHERE name = 'pod-2'`).run()
    expect(() =>
      plain?.prepare(`UPDATE pods SET name = 'pod-2b' WHERE name = 'pod-2'`).run()
    ).toThrow(/function: natural_key/)
    expect(plain.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('computes each key once per row written, not once per index', () => {
    db = openDatabase(file)
    db.exec(`INSERT INTO accounts VALUES ('a', 'qbo', 'A', 'ws://a', 0)`)
    let calls = 0
    db.function('natural_key', { deterministic: true }, (value: unknown) => {
      calls++
      return naturalKey(String(value))
    })
    // Row by row (a refresh, a pushed change): Berth's writer gives the keys, SQLite computes none.
    replaceSet(
      db,
      'a',
      'pods',
      Array.from({ length: 500 }, (_, i) => pod(i))
    )
    patchRows(db, 'a', 'pods', [{ ...pod(7), name: 'pod-7b' }])
    expect(calls).toBe(0)
    // A first fill from staged rows (one INSERT … SELECT): the keys were computed as the rows
    // were staged, so SQLite computes none either.
    const rows = Array.from({ length: BULK_ROWS + 100 }, (_, i) => node(i))
    db.transaction(() => {
      const set = new SetWrite(db as Db, 'a', 'nodes', 1, rows.length)
      const staged = new StagedRows(db as Db, 'nodes')
      staged.add(set.rowsOf(rows))
      set.addStaged(staged)
      set.finish()
      staged.drop()
    })()
    expect(calls).toBe(0)
    const stored = db
      .prepare(
        `SELECT name, ${naturalColumnsOf('nodes')
          .map((c) => `${c}_nat`)
          .join(', ')} FROM nodes`
      )
      .raw()
      .all() as string[][]
    for (const [name, ...keys] of stored.slice(0, 50)) {
      const row = rows.find((r) => r.name === name)!
      expect(keys).toEqual(
        naturalColumnsOf('nodes').map((c) =>
          naturalKey(String((row as unknown as Record<string, unknown>)[c]))
        )
      )
    }
    const names = listNodes(db, { sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 5 })
    expect(names.items.map((n) => n.name)).toEqual(naturally(rows.map((r) => r.name)).slice(0, 5))
  })

  it('keeps the keys right for a writer that leaves them out', () => {
    db = openDatabase(file)
    db.exec(`INSERT INTO accounts VALUES ('a', 'qbo', 'A', 'ws://a', 0)`)
    replaceSet(db, 'a', 'pods', [pod(5), pod(30)])
    const insert = db.prepare(
      `INSERT INTO pods (account_id, key, name, id, namespace, address, status, ready, started,
         node, cluster, raw, confirmed_at) VALUES ('a', ?, ?, '', 'ns', '', '', '', '', 'n', 'c', '{}', 1)`
    )
    insert.run('k100', 'pod-100')
    db.prepare(
      `UPDATE pods SET name = 'pod-7', namespace = 'ns-10' WHERE key = 'ns-0/pod-30'`
    ).run()
    const names = () =>
      listPods(db as Db, { sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 10 }).items.map(
        (p) => p.name
      )
    expect(names()).toEqual(['pod-5', 'pod-7', 'pod-100'])
    const stale = db
      .prepare(
        `SELECT COUNT(*) FROM pods WHERE name_nat IS NOT natural_key(name)
           OR namespace_nat IS NOT natural_key(namespace) OR node_nat IS NOT natural_key(node)
           OR cluster_nat IS NOT natural_key(cluster)`
      )
      .pluck()
      .get()
    expect(stale).toBe(0)
  })
})
