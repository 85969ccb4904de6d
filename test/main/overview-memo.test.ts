import { describe, expect, it } from 'vitest'
import { OverviewMemo } from '../../src-main/agent/overview-memo'
import type { ClusterRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { useTwoAccountCache } from '../support/two-account-cache'

const cluster = (name: string, state: string): ClusterRecord => ({
  name,
  id: `${name}-id`,
  address: '10.0.0.1',
  controlPlane: 'https://10.0.0.1:6443',
  state,
  raw: {}
})

describe('the Overview’s figures, read once per change', () => {
  const cache = useTwoAccountCache()

  it('answers again from what it read until rows or accounts change, then reads anew', () => {
    replaceSet(cache.db, 'a', 'clusters', [cluster('dev', 'running')])
    const memo = new OverviewMemo(cache.db)
    const first = memo.get(['a', 'b'], 7)
    expect(first.figures[0]?.clusters).toEqual([{ state: 'running', count: 1 }])

    replaceSet(cache.db, 'a', 'clusters', [cluster('dev', 'stopped'), cluster('ci', 'stopped')])
    // Nothing told it yet: the same reading, not a second walk of the cache.
    expect(memo.get(['a', 'b'], 7).figures).toBe(first.figures)
    memo.observe({ type: 'account', account: {} as never })
    expect(memo.get(['a', 'b'], 7).figures).toBe(first.figures)

    memo.observe({ type: 'changed', accountId: 'a', kind: 'clusters' })
    expect(memo.get(['a', 'b'], 7).figures[0]?.clusters).toEqual([{ state: 'stopped', count: 2 }])
    memo.observe({ type: 'accounts' })
    expect(memo.get(['a'], 7).figures.map((f) => f.accountId)).toEqual(['a'])
  })

  it('holds one reading per set of accounts and window', () => {
    const memo = new OverviewMemo(cache.db)
    const both = memo.get(['a', 'b'], 7).figures
    expect(memo.get(['a'], 7).figures).not.toBe(both)
    expect(memo.get(['a', 'b'], 1).since).toBeGreaterThan(memo.get(['a', 'b'], 7).since)
  })
})
