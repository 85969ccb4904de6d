import { afterEach, beforeEach } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase, type Db } from '../../src-main/cache/db'
import type { NodeRecord } from '../../src-main/cache/records'
import { tempDir } from './temp-dir'

export interface TwoAccountCache {
  dir: ReturnType<typeof tempDir>
  db: Db
  /** What the cache should hold, per account ('a', 'b'), by node name: the tests' model. */
  held: Map<string, Map<string, NodeRecord>>
  /** Every held node with its account, as the cache should list them. */
  rows(): Array<NodeRecord & { accountId: string }>
}

/** Before each test: a fresh cache file with qbo accounts 'a' and 'b', and an empty model. */
export function useTwoAccountCache(): TwoAccountCache {
  const cache = {
    rows: () =>
      [...cache.held].flatMap(([accountId, rows]) =>
        [...rows.values()].map((r) => ({ ...r, accountId }))
      )
  } as TwoAccountCache
  beforeEach(() => {
    cache.dir = tempDir()
    cache.db = openDatabase(`${cache.dir.path}/cache.sqlite`)
    cache.held = new Map()
    for (const id of ['a', 'b']) {
      upsertAccount(cache.db, { id, kind: 'qbo', name: id, endpoint: `ws://${id}` })
      cache.held.set(id, new Map())
    }
  })
  afterEach(() => {
    cache.db.close()
    cache.dir.remove()
  })
  return cache
}
