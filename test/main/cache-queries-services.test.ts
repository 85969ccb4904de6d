// Services and load balancers: every sort at every offset (enough rows that the walk is pinned
// to each sort's index), the cluster filter and search, against a naive reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoadBalancerQuery, LoadBalancerSortField, ServiceQuery, ServiceSortField } from '@contract'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase, type Db } from '../../src-main/cache/db'
import { listLoadBalancers, listServices } from '../../src-main/cache/queries'
import type { LoadBalancerRecord, ServiceRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { offsetsFor, referencePage } from '../support/list-reference'
import { tempDir } from '../support/temp-dir'

const ROWS = 2300

const services: ServiceRecord[] = Array.from({ length: ROWS }, (_, i) => ({
  key: `ns${i % 6}/svc-${i}`,
  name: `svc-${i % 300}`,
  id: `s${i}`,
  namespace: `ns${i % 6}`,
  address: `10.96.${i % 9}.${i % 250}`,
  externalAddress: i % 4 ? '' : `203.0.113.${i % 250}`,
  type: ['ClusterIP', 'NodePort', 'LoadBalancer'][i % 3]!,
  portName: 'http',
  portNumber: '80',
  targetPort: '8080',
  nodePort: '',
  protocol: 'TCP',
  cluster: `c${i % 5}`,
  raw: {}
}))

const balancers: LoadBalancerRecord[] = Array.from({ length: ROWS }, (_, i) => ({
  key: `lb-${i}`,
  id: `lb${i}`,
  vip: `10.0.${i % 40}.1`,
  vipPort: '443',
  rip: `172.18.${i % 13}.${i % 200}`,
  ripPort: '8443',
  protocol: 'TCP',
  scheduler: 'rr',
  forward: 'masq',
  weight: '1',
  state: i % 7 ? 'up' : 'down',
  node: `node-${i % 31}`,
  cluster: `c${i % 5}`,
  raw: {}
}))

describe('services.list and loadBalancers.list against a reference', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Db
  beforeAll(() => {
    dir = tempDir()
    db = openDatabase(`${dir.path}/cache.sqlite`)
    upsertAccount(db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
    replaceSet(db, 'a', 'services', services)
    replaceSet(db, 'a', 'loadBalancers', balancers)
  })
  afterAll(() => {
    db.close()
    dir.remove()
  })

  it('pages, sorts, filters and searches services', () => {
    const rows = services.map((s) => ({ ...s, accountId: 'a' }))
    for (const filter of [{}, { cluster: 'c2' }]) {
      for (const search of [undefined, 'nodeport', '203.0', 'v']) {
        for (const field of ServiceSortField) {
          const all = referencePage(rows, {
            where: filter,
            search,
            searched: ['name', 'namespace', 'type', 'address', 'externalAddress'],
            order: [field, 'name', 'accountId', 'key'],
            dir: 'desc',
            offset: 0,
            limit: ROWS
          })
          for (const offset of offsetsFor(all.total, 30)) {
            const page = listServices(
              db,
              ServiceQuery.parse({
                ...filter,
                search,
                sort: { field, dir: 'desc' },
                offset,
                limit: 30
              })
            )
            expect(page.total).toBe(all.total)
            expect(page.items.map((s) => s.id)).toEqual(
              all.items.slice(offset, offset + 30).map((s) => s.id)
            )
          }
        }
      }
    }
  })

  it('pages, sorts, filters and searches load balancers', () => {
    const rows = balancers.map((b) => ({ ...b, accountId: 'a' }))
    for (const filter of [{}, { cluster: 'c4' }]) {
      for (const search of [undefined, 'down', '172.18.1', 'node-3']) {
        for (const field of LoadBalancerSortField) {
          for (const dir of ['asc', 'desc'] as const) {
            const all = referencePage(rows, {
              where: filter,
              search,
              searched: ['vip', 'rip', 'node', 'state'],
              order: [field, 'vip', 'accountId', 'key'],
              dir,
              offset: 0,
              limit: ROWS
            })
            for (const offset of offsetsFor(all.total, 30)) {
              const page = listLoadBalancers(
                db,
                LoadBalancerQuery.parse({
                  ...filter,
                  search,
                  sort: { field, dir },
                  offset,
                  limit: 30
                })
              )
              expect(page.total).toBe(all.total)
              expect(page.items.map((b) => b.id)).toEqual(
                all.items.slice(offset, offset + 30).map((b) => b.id)
              )
            }
          }
        }
      }
    }
  })
})
