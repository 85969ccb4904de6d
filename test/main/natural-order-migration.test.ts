// Migration 8 on a cache written before it: the rows stay, the lists come out in natural order,
// every sort of a large list is still read in its index's order, and the background integrity
// check (on its own connection, without natural_key(): migration 9 stores the keys) still passes.
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NodeSortField, PodSortField, CycleImageSortField, CycleJobSortField } from '@contract'
import { LoadBalancerSortField, ServiceSortField } from '@contract'
import { openDatabase, type Db } from '../../src-main/cache/db'
import { startIntegrityCheck } from '../../src-main/cache/integrity-check'
import { migrations } from '../../src-main/cache/migrations'
import { listCycleImages, listCycleJobs } from '../../src-main/cache/cycle-queries'
import {
  listClusters,
  listLoadBalancers,
  listNodes,
  listPods,
  listServices
} from '../../src-main/cache/queries'
import { tempDir } from '../support/temp-dir'

const CLUSTERS = ['cluster-30', 'cluster-100', 'cluster-5']
const NATURAL = ['cluster-5', 'cluster-30', 'cluster-100']

/** A cache as Berth wrote it before migration 8 (schema 7), holding clusters and their nodes. */
function cacheAtSchema7(file: string): void {
  const old = new Database(file)
  old.pragma('journal_mode = WAL')
  for (const sql of migrations.slice(0, 7)) old.exec(sql)
  old.pragma('user_version = 7')
  old.exec(`INSERT INTO accounts VALUES ('a', 'qbo', 'A', 'ws://a', 0)`)
  const cluster = old.prepare(
    `INSERT INTO clusters (account_id, name, id, address, control_plane, state, raw, confirmed_at)
     VALUES ('a', ?, ?, '', '', 'running', '{}', 1)`
  )
  const node = old.prepare(
    `INSERT INTO nodes (account_id, name, id, cluster, cluster_id, state, address, image, os,
       kernel, raw, confirmed_at) VALUES ('a', ?, ?, ?, '', 'ready', ?, ?, '', '', '{}', 1)`
  )
  for (const [i, name] of CLUSTERS.entries()) {
    cluster.run(name, `id-${i}`)
    node.run(`${name}-node-10`, `n${i}a`, name, `10.0.0.${10 + i}`, `v1.26.${15 + i}`)
    node.run(`${name}-node-9`, `n${i}b`, name, `10.0.0.${7 + i}`, `v1.26.${6 + i}`)
  }
  old.close()
}

/** `rows` rows of a table, each column given a value its type takes (text made unique). */
function fill(db: Db, table: string, rows: number): void {
  const columns = db.pragma(`table_info(${table})`) as Array<{ name: string; type: string }>
  const values = columns.map(({ name, type }) =>
    name === 'account_id'
      ? "'a'"
      : name === 'raw'
        ? "'{}'"
        : name === 'tasks'
          ? "'[]'"
          : type === 'INTEGER'
            ? 'n'
            : `'${name}-' || n`
  )
  db.exec(
    `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${rows})
     INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT ${values.join(', ')} FROM s`
  )
}

describe('migration 8: natural order', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db | undefined
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => {
    db?.close()
    db = undefined
    dir.remove()
  })

  it('brings a schema-7 cache up to date, its rows kept and listed in natural order', async () => {
    const file = `${dir.path}/cache.sqlite`
    cacheAtSchema7(file)
    db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    const names = (dir: 'asc' | 'desc') =>
      listClusters(db as Db, { sort: { field: 'name', dir }, offset: 0, limit: 10 }).items.map(
        (c) => c.name
      )
    expect(names('asc')).toEqual(NATURAL)
    expect(names('desc')).toEqual([...NATURAL].reverse())
    const nodes = listNodes(db, { sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 10 })
    expect(nodes.items.map((n) => n.name)).toEqual(
      NATURAL.flatMap((c) => [`${c}-node-9`, `${c}-node-10`])
    )
    // Rows written after the migration land in the natural-order indexes too.
    db.prepare(
      `INSERT INTO clusters (account_id, name, id, address, control_plane, state, raw, confirmed_at)
       VALUES ('a', 'cluster-40', 'id-40', '', '', 'running', '{}', 2)`
    ).run()
    expect(names('asc')).toEqual(['cluster-5', 'cluster-30', 'cluster-40', 'cluster-100'])
    db.pragma('wal_checkpoint(TRUNCATE)')
    await expect(startIntegrityCheck(file).done).resolves.toEqual({ state: 'ok' })
  })

  it('reads every sort of every large list, either way, in its index order: no sort step', () => {
    db = openDatabase(`${dir.path}/cache.sqlite`)
    db.exec(`INSERT INTO accounts VALUES ('a', 'qbo', 'A', 'ws://a', 0)`)
    // Enough rows in each table that a walk is pinned to its sort's index (as at 100,000).
    for (const table of [
      'nodes',
      'pods',
      'services',
      'load_balancers',
      'cycle_images',
      'cycle_jobs'
    ]) {
      fill(db, table, 2100)
    }
    const seen = new Set<string>()
    const prepare = db.prepare.bind(db)
    db.prepare = ((sql: string) => {
      seen.add(sql)
      return prepare(sql)
    }) as Db['prepare']
    for (const dir of ['asc', 'desc'] as const) {
      const page = { offset: 0, limit: 100 }
      for (const field of NodeSortField) listNodes(db, { ...page, sort: { field, dir } })
      for (const field of PodSortField) listPods(db, { ...page, sort: { field, dir } })
      for (const field of ServiceSortField) listServices(db, { ...page, sort: { field, dir } })
      for (const field of LoadBalancerSortField) {
        listLoadBalancers(db, { ...page, sort: { field, dir } })
      }
      for (const field of CycleImageSortField)
        listCycleImages(db, { ...page, sort: { field, dir } })
      for (const field of CycleJobSortField) listCycleJobs(db, { ...page, sort: { field, dir } })
    }
    const walks = [...seen].filter((sql) => /ORDER BY[\s\S]*LIMIT \? OFFSET \?/.test(sql))
    // Six lists, each sort both ways.
    const sorts =
      NodeSortField.length +
      PodSortField.length +
      ServiceSortField.length +
      LoadBalancerSortField.length +
      CycleImageSortField.length +
      CycleJobSortField.length
    expect(walks.length).toBe(sorts * 2)
    for (const sql of walks) {
      const params = (sql.match(/\?/g) ?? []).map(() => 1)
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail)
      expect(plan.join('; '), sql).not.toMatch(/TEMP B-TREE/)
      // The index alone is read: no look-up of each row walked past (a page at offset 50,000
      // would make 50,000), and no natural_key() computed per row.
      const ops = prepare(`EXPLAIN ${sql}`)
        .all(...params)
        .map((row) => (row as { opcode: string }).opcode)
      expect(ops, sql).not.toContain('NotFound')
      expect(ops, sql).not.toContain('DeferredSeek')
      expect(ops, sql).not.toContain('Function')
    }
  })
})
