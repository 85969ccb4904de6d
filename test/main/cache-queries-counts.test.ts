// Totals, cluster summaries, cluster and network node counts, and search stay right as rows are
// replaced, patched and removed — including rows changed since the trigram index last caught up.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ClusterQuery, NodeQuery } from '@contract'
import { retainAccounts } from '../../src-main/cache/accounts'
import { migrate, openDatabase } from '../../src-main/cache/db'
import { migrations } from '../../src-main/cache/migrations'
import {
  clusterSummaries,
  listClusters,
  listNetworks,
  listNodes
} from '../../src-main/cache/queries'
import type { ClusterRecord, NodeRecord } from '../../src-main/cache/records'
import { catchUpSearch } from '../../src-main/cache/search-catch-up'
import { patchRows, removeRows, replaceSet } from '../../src-main/cache/writes'
import { referencePage } from '../support/list-reference'
import { useTwoAccountCache } from '../support/two-account-cache'

const node = (name: string, cluster: string, state = 'ready'): NodeRecord => ({
  name,
  id: `${name}-id`,
  cluster,
  clusterId: `${cluster}-id`,
  state,
  address: `10.0.0.${name.length}`,
  image: 'kindest/node:v1.27.2',
  os: 'Ubuntu',
  kernel: '6.1',
  raw: {}
})

const cluster = (name: string): ClusterRecord => ({
  name,
  id: `${name}-id`,
  address: '10.0.0.1',
  controlPlane: 'https://10.0.0.1:6443',
  state: 'running',
  raw: {}
})

function summariesOf(rows: Array<NodeRecord & { accountId: string }>) {
  const by = new Map<string, { accountId: string; cluster: string; nodes: number; ready: number }>()
  for (const r of rows) {
    const id = `${r.cluster}\u0000${r.accountId}`
    const s = by.get(id) ?? { accountId: r.accountId, cluster: r.cluster, nodes: 0, ready: 0 }
    s.nodes++
    if (r.state === 'ready') s.ready++
    by.set(id, s)
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, s]) => s)
}

describe('kept counts and the trigram index under writes', () => {
  const cache = useTwoAccountCache()
  const all = () => cache.rows()

  const replace = (account: string, rows: NodeRecord[]) => {
    replaceSet(cache.db, account, 'nodes', rows)
    cache.held.set(account, new Map(rows.map((r) => [r.name, r])))
  }
  const patch = (account: string, rows: NodeRecord[]) => {
    patchRows(cache.db, account, 'nodes', rows)
    for (const r of rows) cache.held.get(account)?.set(r.name, r)
  }
  const remove = (account: string, names: string[]) => {
    removeRows(cache.db, account, 'nodes', names)
    for (const n of names) cache.held.get(account)?.delete(n)
  }

  /** Totals, summaries and searches all agree with what the cache should hold. */
  function expectConsistent() {
    const rows = all()
    expect(clusterSummaries(cache.db)).toEqual(summariesOf(rows))
    expect(clusterSummaries(cache.db, 'b')).toEqual(
      summariesOf(rows.filter((r) => r.accountId === 'b'))
    )
    for (const filter of [
      {},
      { accountId: 'a' },
      { cluster: 'c1' },
      { accountId: 'b', cluster: 'c2' }
    ]) {
      for (const search of [undefined, 'notready', 'n-1', 'zz', 'x']) {
        const want = referencePage(rows, {
          where: filter,
          search,
          searched: ['name', 'cluster', 'state', 'address', 'image'],
          order: ['name', 'accountId'],
          dir: 'asc',
          offset: 0,
          limit: 500
        })
        const page = listNodes(cache.db, NodeQuery.parse({ ...filter, search, limit: 500 }))
        expect(page.total, `${search} ${JSON.stringify(filter)}`).toBe(want.total)
        expect(page.items.map((n) => `${n.accountId}/${n.name}/${n.state}`)).toEqual(
          want.items.map((n) => `${n.accountId}/${n.name}/${n.state}`)
        )
      }
    }
  }

  const pending = () =>
    cache.db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get() as number
  /** What the writer does once idle: every marked row into the trigram index, batch by batch. */
  const catchUp = (): void => {
    while (catchUpSearch(cache.db, 50));
  }

  it('keeps totals, summaries and search right through replace, patch and remove', () => {
    const first = Array.from({ length: 300 }, (_, i) =>
      node(`n-${i}`, `c${i % 4}`, i % 5 ? 'ready' : 'notready')
    )
    replace('a', first)
    replace(
      'b',
      first.slice(0, 120).map((n) => ({ ...n, cluster: 'c2' }))
    )
    expectConsistent()
    // The trigram index catches up after the write (the writer does when idle), not inside it;
    // until then the marked rows are searched directly, as expectConsistent just did.
    expect(pending()).toBe(420)
    catchUp()
    expect(pending()).toBe(0)
    expectConsistent()
    const indexed = cache.db.prepare('SELECT COUNT(*) FROM nodes_fts').pluck().get() as number
    expect(indexed).toBe(420)

    // Pushed changes: states flip, clusters move, new rows arrive, others go.
    patch('a', [
      node('n-1', 'c3', 'notready'),
      node('n-2', 'c0', 'stopped'),
      node('n-new-zz', 'c9', 'notready')
    ])
    remove('a', ['n-5', 'n-10', 'n-missing'])
    remove('b', ['n-7'])
    expect(pending()).toBeGreaterThan(0)
    expectConsistent()

    // The next full set: some gone, some back, some changed.
    replace('a', [...first.slice(100), node('n-1', 'c1', 'ready'), node('n-x', 'c1', 'notready')])
    expectConsistent()
    catchUp()
    expect(pending()).toBe(0)
    expectConsistent()

    replace('a', [])
    expectConsistent()
  })

  it('forgets a removed account’s counts and search entries', () => {
    replace('a', [node('n-1', 'c1'), node('n-2', 'c1', 'notready')])
    replace('b', [node('n-3', 'c1')])
    retainAccounts(cache.db, ['b'])
    cache.held.delete('a')
    expectConsistent()
    expect(
      cache.db.prepare(`SELECT COUNT(*) FROM row_counts WHERE account_id = 'a'`).pluck().get()
    ).toBe(0)
  })

  it('counts nodes and ready nodes per cluster and network, and sorts by them', () => {
    const clusters = Array.from({ length: 30 }, (_, i) => cluster(`k${String(i).padStart(2, '0')}`))
    replaceSet(cache.db, 'a', 'clusters', clusters)
    replaceSet(
      cache.db,
      'a',
      'networks',
      clusters.map((c) => ({
        name: c.name,
        id: c.id,
        subnet: '10.0.0.0/24',
        state: 'ready',
        raw: {}
      }))
    )
    const nodes = clusters.flatMap((c, i) =>
      Array.from({ length: (i * 7) % 13 }, (_, j) =>
        node(`${c.name}-n${j}`, c.name, j % 3 ? 'ready' : 'stopped')
      )
    )
    replaceSet(cache.db, 'a', 'nodes', nodes)
    patchRows(cache.db, 'a', 'nodes', [node('k03-n0', 'k03', 'ready')])
    removeRows(cache.db, 'a', 'nodes', ['k04-n1'])
    const current = cache.db.prepare('SELECT cluster, state FROM nodes').all() as Array<{
      cluster: string
      state: string
    }>
    const want = (name: string) => ({
      nodeCount: current.filter((n) => n.cluster === name).length,
      readyCount: current.filter((n) => n.cluster === name && n.state === 'ready').length
    })

    const page = listClusters(
      cache.db,
      ClusterQuery.parse({ sort: { field: 'nodeCount', dir: 'desc' }, limit: 100 })
    )
    expect(page.total).toBe(30)
    for (const row of page.items) expect(row).toMatchObject(want(row.name))
    const counts = page.items.map((r) => r.nodeCount)
    expect(counts).toEqual([...counts].sort((x, y) => y - x))
    for (const row of listNetworks(cache.db, { offset: 0, limit: 100 }).items) {
      expect(row.nodeCount).toBe(want(row.name).nodeCount)
    }
  })

  it('builds counts and the trigram index for rows cached before them', () => {
    const file = `${cache.dir.path}/old.sqlite`
    const old = new Database(file)
    old.pragma('foreign_keys = ON')
    // The schema as it was just before the counts and the trigram index came.
    const theirs = migrations.findIndex((m) => m.includes('CREATE TABLE row_counts'))
    migrate(old, { label: 'cache', migrations: migrations.slice(0, theirs) })
    old
      .prepare(
        `INSERT INTO accounts (id, kind, name, endpoint, created_at) VALUES ('a', 'qbo', 'A', 'ws://a', 0)`
      )
      .run()
    const insert = old.prepare(
      `INSERT INTO nodes (account_id, name, id, cluster, cluster_id, state, address, image, os, kernel, raw, confirmed_at)
       VALUES ('a', ?, ?, ?, 'x', ?, '10.0.0.1', 'img', 'os', 'k', '{}', 0)`
    )
    for (let i = 0; i < 50; i++)
      insert.run(`old-${i}`, `${i}`, `c${i % 3}`, i % 2 ? 'ready' : 'notready')
    old.close()

    const reopened = openDatabase(file)
    expect(listNodes(reopened, NodeQuery.parse({})).total).toBe(50)
    expect(listNodes(reopened, NodeQuery.parse({ cluster: 'c1' })).total).toBe(17)
    expect(listNodes(reopened, NodeQuery.parse({ search: 'notready' })).total).toBe(25)
    expect(reopened.prepare('SELECT COUNT(*) FROM nodes_fts').pluck().get()).toBe(50)
    expect(clusterSummaries(reopened)).toEqual([
      { accountId: 'a', cluster: 'c0', nodes: 17, ready: 8 },
      { accountId: 'a', cluster: 'c1', nodes: 17, ready: 9 },
      { accountId: 'a', cluster: 'c2', nodes: 16, ready: 8 }
    ])
    reopened.close()
  })
})
