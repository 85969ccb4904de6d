// "Ready" means one thing: the cache's counts (cluster rows, the cluster filter's summaries) and
// the screen agree on which node states are ready, whatever case qbo writes them in.
import { describe, expect, it } from 'vitest'
import { ClusterQuery, isNodeReady } from '@contract'
import { ResourceWatch } from '../../src-main/agent/notify/resource-watch'
import { clusterSummaries, listClusters } from '../../src-main/cache/queries'
import type { NodeRecord } from '../../src-main/cache/records'
import { replaceSet } from '../../src-main/cache/writes'
import { nodeLook } from '../../src-renderer/lib/state-tone'
import { useTwoAccountCache } from '../support/two-account-cache'

const STATES = ['ready', 'Ready', ' READY ', 'running', 'NotReady', 'notready', 'stopped', 'odd']

const node = (name: string, state: string): NodeRecord => ({
  name,
  id: `${name}-id`,
  cluster: 'c1',
  clusterId: 'c1-id',
  state,
  address: '10.0.0.2',
  image: 'kindest/node:v1.27.2',
  os: 'Ubuntu',
  kernel: '6.1',
  raw: {}
})

describe('the ready rule', () => {
  const cache = useTwoAccountCache()

  it('is "ready" in any case; running, NotReady and stopped are not ready', () => {
    expect(STATES.filter(isNodeReady)).toEqual(['ready', 'Ready', ' READY '])
  })

  it('counts the same nodes ready in the cluster rows and the cluster summaries', () => {
    replaceSet(cache.db, 'a', 'clusters', [
      { name: 'c1', id: 'c1-id', address: '', controlPlane: '', state: 'running', raw: {} }
    ])
    replaceSet(
      cache.db,
      'a',
      'nodes',
      STATES.map((s, i) => node(`n${i}`, s))
    )
    expect(clusterSummaries(cache.db)).toEqual([
      { accountId: 'a', cluster: 'c1', nodes: STATES.length, ready: 3 }
    ])
    const [row] = listClusters(cache.db, ClusterQuery.parse({})).items
    expect(row).toMatchObject({ nodeCount: STATES.length, readyCount: 3 })
  })

  it('shows a ready node as ready (green) and no node that is not ready as up', () => {
    for (const state of STATES) {
      const look = nodeLook(state)
      expect(look.tone === 'good', state).toBe(isNodeReady(state))
      if (!isNodeReady(state)) expect(look.word, state).not.toMatch(/^(ready|running)$/i)
    }
    expect(nodeLook('running')).toMatchObject({ word: 'starting', tone: 'busy' })
    expect(nodeLook('NotReady')).toMatchObject({ word: 'not ready', tone: 'warn' })
  })

  it('tells a node’s change in the same words: running is starting, only ready is good news', () => {
    const watch = new ResourceWatch()
    const lab = { id: 'a', name: 'Lab' }
    const replace = (state: string) =>
      watch.replaced(lab, 'nodes', replaceSet(cache.db, 'a', 'nodes', [node('n1', state)]))
    expect(replace('ready')).toEqual([])
    expect(replace('running')).toMatchObject([{ level: 'info', title: 'Node n1 is starting' }])
    expect(replace('NotReady')).toMatchObject([{ title: 'Node n1 is not ready' }])
    expect(replace('Ready')).toMatchObject([{ level: 'success', title: 'Node n1 is ready' }])
  })
})
