// The Overview's one query over a large cache (100k nodes in 400 clusters, 50k Cycle images in
// 40 sources, 5k hub jobs), in-process: what `overview.get` costs the agent before the socket.
// `npm run bench:micro` prints it; `npm run bench` measures the same over the contract (p95).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { upsertAccount } from '../src-main/cache/accounts'
import { openDatabase } from '../src-main/cache/db'
import { cachedOverview } from '../src-main/cache/overview'
import type { CycleImageRecord, NodeRecord } from '../src-main/cache/records'
import { replaceSet } from '../src-main/cache/writes'

const NODES = 100_000
const IMAGES = 50_000
const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'berth-bench-')), 'cache.sqlite'))
upsertAccount(db, { id: 'q', kind: 'qbo', name: 'Q', endpoint: 'ws://q' })
upsertAccount(db, { id: 'c', kind: 'cycle', name: 'C', endpoint: 'http://c' })
const hex = (i: number, n: number): string => i.toString(16).padStart(n, '0')
const nodes: NodeRecord[] = Array.from({ length: NODES }, (_, i) => ({
  name: `node-${hex(i, 8)}.localhost`,
  id: hex(i, 64),
  cluster: `cluster-${i % 400}`,
  clusterId: `id-${i % 400}`,
  state: i % 7 ? 'ready' : i % 2 ? 'stopped' : 'NotReady',
  address: `172.18.${(i >> 8) & 255}.${i & 255}`,
  image: 'kindest/node:v1.27.2',
  os: 'Ubuntu 22.04',
  kernel: '6.1.0',
  raw: {}
}))
replaceSet(db, 'q', 'nodes', nodes)
const images = Array.from({ length: IMAGES }, (_, i) => ({
  key: hex(i, 24),
  id: hex(i, 24),
  name: `image-${i}`,
  state: i % 11 ? 'live' : 'deleted',
  size: 1_000_000 + i,
  sourceId: hex(i % 40, 24),
  sourceType: 'direct',
  creator: 'bench',
  containers: i % 3,
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  error: null,
  raw: {}
})) as unknown as CycleImageRecord[]
replaceSet(db, 'c', 'cycleImages', images)

describe(`the Overview over ${NODES.toLocaleString('en')} nodes and ${IMAGES.toLocaleString('en')} Cycle images`, () => {
  bench('cachedOverview (every figure, both accounts)', () => {
    cachedOverview(db, ['q', 'c'], Date.now() - 7 * 86_400_000)
  })
})
