// Natural order (migrations 8 and 9) at 100,000 nodes and pods: every sort of nodes.list either
// way at the first page and at offset 50,000, pods at offset 50,000, the cluster chips and
// clusters, and what writing the rows costs now that each row stores its natural-order keys.
// `npx vitest bench --run --project bench bench/natural-order.bench.ts`
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { NodeQuery, NodeSortField, PodQuery } from '@contract'
import { upsertAccount } from '../src-main/cache/accounts'
import { openDatabase } from '../src-main/cache/db'
import { clusterSummaries, listClusters, listNodes, listPods } from '../src-main/cache/queries'
import type { ClusterRecord, NodeRecord, PodRecord } from '../src-main/cache/records'
import { replaceSet } from '../src-main/cache/writes'

const ROWS = 100_000
const fresh = () => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'berth-bench-')), 'cache.sqlite'))
  upsertAccount(db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
  return db
}
const nodes: NodeRecord[] = Array.from({ length: ROWS }, (_, i) => ({
  name: `node-${i}.localhost`,
  id: i.toString(16).padStart(64, '0'),
  cluster: `cluster-${i % 400}`,
  clusterId: `id-${i % 400}`,
  state: i % 7 ? 'ready' : 'stopped',
  address: `172.18.${(i >> 8) & 255}.${i & 255}`,
  image: `kindest/node:v1.${20 + (i % 10)}.${i % 17}`,
  os: 'Ubuntu 22.04',
  kernel: '6.1.0',
  raw: {}
}))
const pods: PodRecord[] = nodes.map((n, i) => ({
  key: `ns${i % 5}/${n.name}`,
  name: `app-${i % 4000}-${i}`,
  id: `pod-${i}`,
  namespace: `ns${i % 5}`,
  address: `10.244.${i % 250}.${i % 200}`,
  status: 'Running',
  ready: '1/1',
  started: '2026-01-01T00:00:00Z',
  node: n.name,
  cluster: n.cluster,
  raw: {}
}))
const clusters: ClusterRecord[] = Array.from({ length: 400 }, (_, i) => ({
  name: `cluster-${i}`,
  id: `id-${i}`,
  address: `10.0.${i >> 8}.${i & 255}`,
  controlPlane: '',
  state: 'running',
  raw: {}
}))

const db = fresh()
replaceSet(db, 'a', 'nodes', nodes)
replaceSet(db, 'a', 'pods', pods)
replaceSet(db, 'a', 'clusters', clusters)

describe(`nodes.list over ${ROWS.toLocaleString('en')} nodes`, () => {
  for (const field of NodeSortField) {
    for (const dir of ['asc', 'desc'] as const) {
      for (const offset of [0, 50_000]) {
        bench(`sort ${field} ${dir}, offset ${offset}`, () => {
          listNodes(db, NodeQuery.parse({ offset, limit: 100, sort: { field, dir } }))
        })
      }
    }
  }
  bench('filter cluster', () => {
    listNodes(db, NodeQuery.parse({ cluster: 'cluster-42', limit: 100 }))
  })
  bench('search "node-1"', () => {
    listNodes(db, NodeQuery.parse({ search: 'node-1', limit: 100 }))
  })
})

describe('pods, clusters, cluster chips', () => {
  bench('pods.list offset 50,000', () => {
    listPods(db, PodQuery.parse({ offset: 50_000, limit: 100 }))
  })
  bench('clusters.list (400)', () => {
    listClusters(db, { offset: 0, limit: 100 })
  })
  bench('nodes.clusters (400 chips)', () => {
    clusterSummaries(db)
  })
})

describe('writing', () => {
  bench(
    `${ROWS.toLocaleString('en')} nodes into an empty cache`,
    () => {
      const target = fresh()
      replaceSet(target, 'a', 'nodes', nodes)
      target.close()
    },
    { iterations: 3, time: 0 }
  )
})
