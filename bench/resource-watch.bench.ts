// What telling state changes costs on every full sync: the resource watch diffs 100,000 nodes
// against the last set, beside the raw baseline of writing that set to the cache, which a sync
// does anyway. `npm run bench` prints both and the ratio between them.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { ResourceWatch } from '../src-main/agent/notify/resource-watch'
import { upsertAccount } from '../src-main/cache/accounts'
import { openDatabase } from '../src-main/cache/db'
import type { NodeRecord } from '../src-main/cache/records'
import { replaceSet } from '../src-main/cache/writes'

const ROWS = 100_000
const account = { id: 'a', name: 'A' }
const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'berth-bench-')), 'cache.sqlite'))
upsertAccount(db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
const nodes = (changed: number): NodeRecord[] =>
  Array.from({ length: ROWS }, (_, i) => ({
    name: `node-${i.toString(16).padStart(8, '0')}.localhost`,
    id: i.toString(16).padStart(64, '0'),
    cluster: `cluster-${i % 200}`,
    clusterId: `id-${i % 200}`,
    state: i % 7 && i >= changed ? 'ready' : 'stopped',
    address: `172.18.${(i >> 8) & 255}.${i & 255}`,
    image: 'kindest/node:v1.27.2',
    os: 'Ubuntu 22.04',
    kernel: '6.1.0',
    raw: {}
  }))
// Two sets a thousand node states apart (a few clusters going down), alternated so every run
// sees changes.
const sets = [nodes(0), nodes(1000)]
const watch = new ResourceWatch()
watch.replace(account, 'nodes', sets[0]!)
let turn = 0

describe(`a full sync of ${ROWS.toLocaleString('en')} nodes`, () => {
  bench('raw baseline: replaceSet into the cache', () => {
    replaceSet(db, 'a', 'nodes', sets[turn++ % 2]!)
  })
  bench('resource watch: diff against the last set', () => {
    watch.replace(account, 'nodes', sets[turn++ % 2]!)
  })
})
