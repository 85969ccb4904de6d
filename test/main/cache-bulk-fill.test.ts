// A first fill of a large set goes in with the table's indexes and per-row triggers set aside
// (cache/bulk-fill.ts), and the trigram index catches up afterwards in batches
// (cache/search-catch-up.ts). Neither may change what any list, count or search answers.
import { NodeQuery } from '@contract'
import { describe, expect, it } from 'vitest'
import { type Db } from '../../src-main/cache/db'
import { clusterSummaries, listNodes } from '../../src-main/cache/queries'
import type { NodeRecord } from '../../src-main/cache/records'
import { catchUpSearch } from '../../src-main/cache/search-catch-up'
import { BULK_ROWS, SetWrite } from '../../src-main/cache/set-write'
import { patchRows, removeRows, replaceSet } from '../../src-main/cache/writes'
import { referencePage } from '../support/list-reference'
import { useTwoAccountCache } from '../support/two-account-cache'

const node = (i: number, state = i % 7 ? 'ready' : 'notready', cluster = `c${i % 9}`) => {
  // Names out of key order, as a server sends them.
  const name = `node-${((i * 7919) % 100_003).toString(36)}-${i}`
  return {
    name,
    id: `${name}-id`,
    cluster,
    clusterId: `${cluster}-id`,
    state,
    address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    image: i % 3 ? 'kindest/node:v1.27.2' : 'kindest/node:v1.29.0',
    os: 'Ubuntu',
    kernel: '6.1',
    raw: { name, i }
  } satisfies NodeRecord
}

/** Every index and trigger of the schema, as sqlite_master holds them. */
const schemaOf = (db: Db): unknown[] =>
  db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master
       WHERE type IN ('index', 'trigger') ORDER BY type, name`
    )
    .all()

describe('bulk fill and trigram catch-up', () => {
  const cache = useTwoAccountCache()
  const rowsHeld = () => cache.rows()
  const pending = () =>
    cache.db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get() as number

  /** Totals, cluster summaries, filters and searches agree with what the cache should hold. */
  function expectConsistent(): void {
    const rows = rowsHeld()
    const summaries = new Map<
      string,
      { accountId: string; cluster: string; nodes: number; ready: number }
    >()
    for (const r of rows) {
      const id = `${r.cluster}\u0000${r.accountId}`
      const s = summaries.get(id) ?? {
        accountId: r.accountId,
        cluster: r.cluster,
        nodes: 0,
        ready: 0
      }
      s.nodes++
      if (r.state === 'ready') s.ready++
      summaries.set(id, s)
    }
    const want = [...summaries].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, s]) => s)
    expect(clusterSummaries(cache.db)).toEqual(want)
    for (const filter of [{}, { accountId: 'a' }, { accountId: 'b', cluster: 'c2' }]) {
      for (const search of [undefined, 'notready', 'v1.29', '10.0.1', 'zzz']) {
        const reference = referencePage(rows, {
          where: filter,
          search,
          searched: ['name', 'cluster', 'state', 'address', 'image'],
          order: ['name', 'accountId'],
          dir: 'asc',
          offset: 40,
          limit: 60
        })
        const page = listNodes(
          cache.db,
          NodeQuery.parse({ ...filter, search, offset: 40, limit: 60 })
        )
        const label = `${search} ${JSON.stringify(filter)}`
        expect(page.total, label).toBe(reference.total)
        expect(
          page.items.map((n) => `${n.accountId}/${n.name}`),
          label
        ).toEqual(reference.items.map((n) => `${n.accountId}/${n.name}`))
      }
    }
  }

  const replace = (account: string, rows: NodeRecord[]) => {
    replaceSet(cache.db, account, 'nodes', rows)
    cache.held.set(account, new Map(rows.map((r) => [r.name, r])))
  }

  it('fills a large first set in bulk and leaves the schema, counts and searches as row by row would', () => {
    const schema = schemaOf(cache.db)
    const first = Array.from({ length: BULK_ROWS + 500 }, (_, i) => node(i))
    const bulk = cache.db.transaction(() => {
      const set = new SetWrite(cache.db, 'a', 'nodes', 1, first.length)
      const wasBulk = set.bulk
      set.add(first)
      set.finish()
      return wasBulk
    })()
    expect(bulk).toBe(true)
    cache.held.set('a', new Map(first.map((r) => [r.name, r])))
    // Every index and trigger is back, exactly as the migrations made it.
    expect(schemaOf(cache.db)).toEqual(schema)
    expect(pending()).toBe(first.length)
    expectConsistent()

    // A second account's smaller set is written row by row (the table holds more than it brings).
    replace(
      'b',
      first.slice(0, 2100).map((r) => ({ ...r, state: 'notready' }))
    )
    expectConsistent()
    while (catchUpSearch(cache.db));
    expect(pending()).toBe(0)
    expect(cache.db.prepare('SELECT COUNT(*) FROM nodes_fts').pluck().get()).toBe(
      first.length + 2100
    )
    expectConsistent()

    // Later writes go through the restored triggers.
    patchRows(cache.db, 'a', 'nodes', [node(3, 'notready', 'c1'), node(900_001)])
    cache.held.get('a')?.set(node(3).name, node(3, 'notready', 'c1'))
    cache.held.get('a')?.set(node(900_001).name, node(900_001))
    removeRows(cache.db, 'a', 'nodes', [node(4).name])
    cache.held.get('a')?.delete(node(4).name)
    expectConsistent()
  })

  it('keeps the last of duplicate keys in a bulk fill, and counts it once', () => {
    const rows = Array.from({ length: BULK_ROWS }, (_, i) => node(i))
    const again = { ...node(10), state: 'stopped', cluster: 'c0' }
    replace('a', [...rows, again])
    expect(pending()).toBeGreaterThan(0)
    expectConsistent()
    expect(
      listNodes(cache.db, NodeQuery.parse({ search: 'stopped' })).items.map((n) => n.name)
    ).toEqual([again.name])
  })

  it('refills in bulk a set that was emptied, with its old index entries still to catch up', () => {
    replace(
      'a',
      Array.from({ length: 300 }, (_, i) => node(i))
    )
    while (catchUpSearch(cache.db));
    replace('a', [])
    // The emptied set's marks are still pending when the bulk fill comes.
    expect(pending()).toBe(300)
    replace(
      'a',
      Array.from({ length: BULK_ROWS + 10 }, (_, i) => node(i + 150, 'notready'))
    )
    expectConsistent()
    while (catchUpSearch(cache.db));
    expect(pending()).toBe(0)
    expect(cache.db.prepare('SELECT COUNT(*) FROM nodes_fts').pluck().get()).toBe(BULK_ROWS + 10)
    expectConsistent()
  })

  it('answers every search right after each batch of a catch-up, with writes in between', () => {
    replace(
      'a',
      Array.from({ length: BULK_ROWS + 100 }, (_, i) => node(i))
    )
    replace(
      'b',
      Array.from({ length: 400 }, (_, i) => node(i * 3))
    )
    let batches = 0
    while (catchUpSearch(cache.db, 500)) {
      batches++
      expectConsistent()
      if (batches === 2) {
        const moved = { ...node(5), state: 'notready', image: 'kindest/node:v1.29.0' }
        patchRows(cache.db, 'a', 'nodes', [moved])
        cache.held.get('a')?.set(moved.name, moved)
        removeRows(cache.db, 'b', 'nodes', [node(3).name])
        cache.held.get('b')?.delete(node(3).name)
      }
    }
    expect(batches).toBeGreaterThan(3)
    expect(pending()).toBe(0)
    expectConsistent()
  })
})
