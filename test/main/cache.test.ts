import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NodeQuery } from '@contract'
import { lastSyncAt, retainAccounts, upsertAccount } from '../../src-main/cache/accounts'
import { migrate, openDatabase, type Db } from '../../src-main/cache/db'
import { migrations } from '../../src-main/cache/migrations'
import { clusterSummaries, listNetworks, listNodes } from '../../src-main/cache/queries'
import type { NodeRecord } from '../../src-main/cache/records'
import { patchRows, replaceSet } from '../../src-main/cache/writes'
import { tempDir } from '../support/temp-dir'

const node = (name: string, cluster: string, state = 'ready'): NodeRecord => ({
  name,
  id: `${name}-id`,
  cluster,
  clusterId: `${cluster}-id`,
  state,
  address: '172.18.0.2',
  image: 'kindest/node:v1.27.2',
  os: 'Ubuntu',
  kernel: '6.1',
  raw: { name, cluster, state, extra: 'kept' }
})

const q = (input: Parameters<typeof NodeQuery.parse>[0]) => NodeQuery.parse(input)

describe('cache', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  beforeEach(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    upsertAccount(db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
  })
  afterEach(() => {
    db.close()
    dir.remove()
  })

  it('opens a real file in WAL mode with foreign keys and every migration applied', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
  })

  it('migrates an older file forward and refuses one from a newer build', () => {
    const file = `${dir.path}/old.sqlite`
    const old = new Database(file)
    migrate(old)
    old.pragma(`user_version = ${migrations.length + 1}`)
    old.close()
    expect(() => openDatabase(file)).toThrow(/newer Berth/)
  })

  it('replaces a set in one go: rows the server no longer lists disappear', () => {
    replaceSet(db, 'a', 'nodes', [node('n1', 'c1'), node('n2', 'c1')], 1000)
    replaceSet(db, 'a', 'nodes', [node('n2', 'c1', 'stopped'), node('n3', 'c2')], 1000)
    const page = listNodes(db, q({}))
    expect(page.items.map((n) => [n.name, n.state])).toEqual([
      ['n2', 'stopped'],
      ['n3', 'ready']
    ])
    // The set's freshness is the sync's own time: vanished rows go by key, not by an older stamp.
    expect(page.asOf).toBe(1000)
  })

  it('keeps the raw JSON the server sent', () => {
    replaceSet(db, 'a', 'nodes', [node('n1', 'c1')])
    const raw = db.prepare('SELECT raw FROM nodes').pluck().get() as string
    expect(JSON.parse(raw)).toMatchObject({ extra: 'kept' })
  })

  it('leaves the previous set whole when a refresh fails part-way', () => {
    replaceSet(db, 'a', 'nodes', [node('n1', 'c1')])
    const broken = [node('n2', 'c1'), { ...node('n3', 'c1'), name: null as unknown as string }]
    expect(() => replaceSet(db, 'a', 'nodes', broken)).toThrow()
    expect(listNodes(db, q({})).items.map((n) => n.name)).toEqual(['n1'])
  })

  it('patches pushed rows without removing the others', () => {
    replaceSet(db, 'a', 'nodes', [node('n1', 'c1'), node('n2', 'c1')])
    patchRows(db, 'a', 'nodes', [node('n2', 'c1', 'stopped')])
    expect(
      listNodes(db, q({ sort: { field: 'name', dir: 'asc' } })).items.map((n) => n.state)
    ).toEqual(['ready', 'stopped'])
  })

  it('pages, sorts, filters by cluster and searches in SQL', () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      node(
        `node-${String(i).padStart(3, '0')}.localhost`,
        i % 2 ? 'odd' : 'even',
        i % 5 ? 'ready' : 'stopped'
      )
    )
    replaceSet(db, 'a', 'nodes', many)
    const page = listNodes(db, q({ offset: 100, limit: 50, sort: { field: 'name', dir: 'desc' } }))
    expect(page.total).toBe(250)
    expect(page.items).toHaveLength(50)
    expect(page.items[0]?.name).toBe('node-149.localhost')
    expect(listNodes(db, q({ cluster: 'odd' })).total).toBe(125)
    expect(listNodes(db, q({ search: 'node-24' })).items.map((n) => n.name)).toHaveLength(10)
    expect(listNodes(db, q({ search: 'STOPPED' })).total).toBe(50)
    // LIKE wildcards in the user's text are literal.
    expect(listNodes(db, q({ search: '%' })).total).toBe(0)
  })

  it('summarises clusters and counts a network’s nodes', () => {
    replaceSet(db, 'a', 'nodes', [node('n1', 'c1'), node('n2', 'c1', 'stopped'), node('n3', 'c2')])
    replaceSet(db, 'a', 'networks', [
      { name: 'c1', id: 'c1-id', subnet: '172.18.0.0/24', state: 'ready', raw: {} }
    ])
    expect(clusterSummaries(db)).toEqual([
      { accountId: 'a', cluster: 'c1', nodes: 2, ready: 1 },
      { accountId: 'a', cluster: 'c2', nodes: 1, ready: 1 }
    ])
    const networks = listNetworks(db, { offset: 0, limit: 10 })
    expect(networks.items[0]).toMatchObject({ name: 'c1', nodeCount: 2 })
  })

  it('reports the last full sync only once every resource was confirmed', () => {
    replaceSet(db, 'a', 'nodes', [], 5000)
    expect(lastSyncAt(db, 'a', ['nodes', 'images'])).toBeNull()
    replaceSet(db, 'a', 'images', [], 4000)
    expect(lastSyncAt(db, 'a', ['nodes', 'images'])).toBe(4000)
  })

  it('forgets an account that is no longer configured, with its rows', () => {
    replaceSet(db, 'a', 'nodes', [node('n1', 'c1')])
    retainAccounts(db, [])
    expect(listNodes(db, q({})).total).toBe(0)
  })
})
