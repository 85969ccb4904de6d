// Every sort, direction, filter, search and offset of nodes.list and pods.list, against a naive
// reference over the same rows (sorted and matched in JS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeQuery, NodeSortField, PodQuery, PodSortField } from '@contract'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase, type Db } from '../../src-main/cache/db'
import { listNodes, listPods } from '../../src-main/cache/queries'
import type { NodeRecord, PodRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { offsetsFor, referencePage } from '../support/list-reference'
import { tempDir } from '../support/temp-dir'

const STATES = ['ready', 'ready', 'ready', 'notready', 'stopped', 'running']

function nodesOf(account: string, count: number): (NodeRecord & { accountId: string })[] {
  return Array.from({ length: count }, (_, i) => {
    // Names share prefixes and cases (LIKE folds only ASCII), a few carry LIKE's wildcards; other columns repeat a lot,
    // so sorting by them leans on the tiebreak.
    const upper = i % 211 === 0 ? 'Ünïnode' : i % 11 === 0 ? 'Node' : 'node'
    const odd = i % 97 === 0 ? '%_' : ''
    return {
      accountId: account,
      name: `${upper}-${((i * 7919) % 4096).toString(16)}${odd}-${i}.localhost`,
      id: `${account}-${i}`,
      cluster: `c${i % 23}`,
      clusterId: `c${i % 23}-id`,
      state: STATES[(i * 31) % STATES.length] as string,
      address: `10.${i % 3}.${(i >> 4) % 16}.${i % 16}`,
      image: `kindest/node:v1.${20 + (i % 7)}.0`,
      os: 'Ubuntu',
      kernel: '6.1',
      raw: { i }
    }
  })
}

const NODE_SEARCHED = ['name', 'cluster', 'state', 'address', 'image']
const NODE_TIEBREAK = ['name', 'accountId']

describe('nodes.list and pods.list against a reference', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  const nodes = [...nodesOf('a', 3000), ...nodesOf('b', 1200)]
  const pods = nodes.map((n, i) => ({
    accountId: n.accountId,
    key: `ns${i % 5}/${n.name}`,
    name: `app${i % 40}`,
    id: `pod-${i}`,
    namespace: `ns${i % 5}`,
    address: `10.244.${i % 7}.${i % 200}`,
    status: i % 9 ? 'Running' : 'Pending',
    ready: '1/1',
    started: '2026-01-01T00:00:00Z',
    node: n.name,
    cluster: n.cluster,
    raw: {}
  }))

  beforeAll(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    for (const id of ['a', 'b']) {
      upsertAccount(db, { id, kind: 'qbo', name: id, endpoint: `ws://${id}` })
      const own = <T extends { accountId: string }>(rows: T[]) =>
        rows.filter((r) => r.accountId === id).map(({ accountId: _, ...r }) => r)
      replaceSet(db, id, 'nodes', own(nodes) as NodeRecord[])
      replaceSet(db, id, 'pods', own(pods) as PodRecord[])
    }
  })
  afterAll(() => {
    db.close()
    dir.remove()
  })

  const filters = [{}, { accountId: 'b' }, { cluster: 'c5' }, { accountId: 'a', cluster: 'c7' }]

  it('pages every node sort, both ways, at every offset, with every filter', () => {
    let checked = 0
    for (const filter of filters) {
      for (const field of [undefined, ...NodeSortField]) {
        for (const dir of ['asc', 'desc'] as const) {
          if (!field && dir === 'desc') continue
          const ref = (offset: number) =>
            referencePage(nodes, {
              where: filter,
              searched: NODE_SEARCHED,
              order: field ? [field, ...NODE_TIEBREAK] : NODE_TIEBREAK,
              dir,
              offset,
              limit: 37
            })
          for (const offset of offsetsFor(ref(0).total, 37)) {
            const sort = field ? { field, dir } : undefined
            const page = listNodes(db, NodeQuery.parse({ ...filter, sort, offset, limit: 37 }))
            const want = ref(offset)
            expect(page.total).toBe(want.total)
            expect(page.items.map((n) => `${n.accountId}/${n.name}`)).toEqual(
              want.items.map((n) => `${n.accountId}/${n.name}`)
            )
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200)
  })

  it('finds through the trigram index what LIKE finds, and short terms too', () => {
    const terms = [
      'ünï',
      'Ünïn',
      'notready',
      'NODE-1',
      'node-a',
      '.localhost',
      '10.1.3',
      'v1.23',
      'c1',
      'a',
      '%_'
    ]
    for (const search of [...terms, 'ady', 'no such thing', '"quoted"', 'c5 ']) {
      for (const filter of filters) {
        for (const sort of [undefined, { field: 'address' as const, dir: 'desc' as const }]) {
          const all = referencePage(nodes, {
            where: filter,
            search,
            searched: NODE_SEARCHED,
            order: sort ? [sort.field, ...NODE_TIEBREAK] : NODE_TIEBREAK,
            dir: sort?.dir ?? 'asc',
            offset: 0,
            limit: nodes.length
          })
          // Both ends and the middle: a dense result's ends are walked, its middle listed.
          for (const offset of offsetsFor(all.total, 50)) {
            const page = listNodes(
              db,
              NodeQuery.parse({ ...filter, search, sort, offset, limit: 50 })
            )
            expect(page.total, `${search} ${JSON.stringify(filter)}`).toBe(all.total)
            expect(page.items.map((n) => `${n.accountId}/${n.name}`)).toEqual(
              all.items.slice(offset, offset + 50).map((n) => `${n.accountId}/${n.name}`)
            )
          }
        }
      }
    }
  })

  it('pages, sorts, filters and searches pods the same way', () => {
    for (const filter of [{}, { cluster: 'c3' }, { accountId: 'a' }]) {
      for (const field of PodSortField) {
        for (const search of [undefined, 'app1', 'pending']) {
          const total = referencePage(pods, {
            where: filter,
            search,
            searched: ['name', 'namespace', 'status', 'node'],
            order: [field, 'name', 'accountId', 'key'],
            dir: 'desc',
            offset: 0,
            limit: 1
          }).total
          for (const offset of offsetsFor(total, 25)) {
            const page = listPods(
              db,
              PodQuery.parse({ ...filter, search, sort: { field, dir: 'desc' }, offset, limit: 25 })
            )
            const want = referencePage(pods, {
              where: filter,
              search,
              searched: ['name', 'namespace', 'status', 'node'],
              order: [field, 'name', 'accountId', 'key'],
              dir: 'desc',
              offset,
              limit: 25
            })
            expect(page.total).toBe(want.total)
            expect(page.items.map((p) => p.id)).toEqual(want.items.map((p) => p.id))
          }
        }
      }
    }
  })
})
