import { afterEach, beforeEach } from 'vitest'
import { upsertAccount } from '../../src-main/cache/accounts'
import { openDatabase, type Db } from '../../src-main/cache/db'
import { tempDir } from './temp-dir'

/**
 * Two fresh caches per test, each holding account `a` of `kind`: one written the way under test,
 * one written the plain way as the reference it must equal.
 */
export function useCachePair(kind: 'qbo' | 'cycle'): { db: Db; reference: Db } {
  let dir: ReturnType<typeof tempDir>
  const pair = {} as { db: Db; reference: Db }
  beforeEach(() => {
    dir = tempDir()
    pair.db = openDatabase(`${dir.path}/cache.sqlite`)
    pair.reference = openDatabase(`${dir.path}/reference.sqlite`)
    const endpoint = kind === 'qbo' ? 'ws://a' : 'http://a'
    for (const d of [pair.db, pair.reference]) {
      upsertAccount(d, { id: 'a', kind, name: 'a', endpoint })
    }
  })
  afterEach(() => {
    pair.db.close()
    pair.reference.close()
    dir.remove()
  })
  return pair
}
