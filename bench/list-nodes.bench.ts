// How much the contract's paged, sorted, searchable query costs over a large cache, against the raw
// baseline of reading the same page straight from the table, in-process (no contract, no socket).
// `npm run bench:micro` prints both and the ratio between them; `npm run bench` measures the whole.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { NodeQuery } from '@contract'
import { upsertAccount } from '../src-main/cache/accounts'
import { openDatabase } from '../src-main/cache/db'
import { listNodes } from '../src-main/cache/queries'
import type { NodeRecord } from '../src-main/cache/records'
import { replaceSet } from '../src-main/cache/writes'

const ROWS = 100_000
const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'berth-bench-')), 'cache.sqlite'))
upsertAccount(db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
const nodes: NodeRecord[] = Array.from({ length: ROWS }, (_, i) => ({
  name: `node-${i.toString(16).padStart(8, '0')}.localhost`,
  id: i.toString(16).padStart(64, '0'),
  cluster: `cluster-${i % 200}`,
  clusterId: `id-${i % 200}`,
  state: i % 7 ? 'ready' : 'stopped',
  address: `172.18.${(i >> 8) & 255}.${i & 255}`,
  image: 'kindest/node:v1.27.2',
  os: 'Ubuntu 22.04',
  kernel: '6.1.0',
  raw: {}
}))
replaceSet(db, 'a', 'nodes', nodes)

const raw = db.prepare('SELECT * FROM nodes ORDER BY name LIMIT 100 OFFSET 50000')

describe(`one page of ${ROWS.toLocaleString('en')} cached nodes`, () => {
  bench('raw baseline: SELECT * … LIMIT 100 OFFSET 50000', () => {
    raw.all()
  })
  bench('nodes.list page 501 sorted by name (with total)', () => {
    listNodes(
      db,
      NodeQuery.parse({ offset: 50_000, limit: 100, sort: { field: 'name', dir: 'asc' } })
    )
  })
  bench('nodes.list in one cluster', () => {
    listNodes(db, NodeQuery.parse({ cluster: 'cluster-42', limit: 100 }))
  })
  bench('nodes.list searching “stopped”', () => {
    listNodes(db, NodeQuery.parse({ search: 'stopped', limit: 100 }))
  })
})
