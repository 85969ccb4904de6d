// Query latency over the contract, as the page sees it (loopback WebSocket, JSON both ways).
import { p95 } from './berth.mjs'

const SAMPLES = 40
const BUDGET_MS = 3_000

/** Every query a user can make of 100,000 nodes, and the cluster summaries. */
export function nodeQueries(accountId) {
  const sorts = ['name', 'cluster', 'state', 'address', 'image'].flatMap((field) =>
    ['asc', 'desc'].map((dir) => [
      `nodes.list sort ${field} ${dir}`,
      'nodes.list',
      { sort: { field, dir }, limit: 100 }
    ])
  )
  return [
    ['nodes.list page 1', 'nodes.list', { limit: 100 }],
    ['nodes.list offset 50,000', 'nodes.list', { offset: 50_000, limit: 100 }],
    ['nodes.list offset 99,900', 'nodes.list', { offset: 99_900, limit: 100 }],
    ...sorts,
    [
      'nodes.list sort address, offset 50,000',
      'nodes.list',
      { sort: { field: 'address', dir: 'asc' }, offset: 50_000, limit: 100 }
    ],
    ['nodes.list filter cluster', 'nodes.list', { cluster: 'cluster-200', limit: 100 }],
    ['nodes.list filter account', 'nodes.list', { accountId, limit: 100 }],
    ['nodes.list search "notready"', 'nodes.list', { search: 'notready', limit: 100 }],
    ['nodes.list search "node-a1"', 'nodes.list', { search: 'node-a1', limit: 100 }],
    ['nodes.clusters', 'nodes.clusters', {}],
    ['overview.get (every account’s figures)', 'overview.get', {}],
    ['clusters.list (400 clusters)', 'clusters.list', { limit: 100 }],
    [
      'clusters.list sort nodeCount',
      'clusters.list',
      { sort: { field: 'nodeCount', dir: 'desc' }, limit: 100 }
    ],
    ['pods.list offset 50,000', 'pods.list', { offset: 50_000, limit: 100 }],
    ['pods.list search "kube-proxy"', 'pods.list', { search: 'kube-proxy', limit: 100 }]
  ]
}

/** p95 of each query: a few warm-up calls, then up to SAMPLES calls or BUDGET_MS, whichever first. */
export async function measureQueries(contract, queries) {
  const results = []
  for (const [label, method, input] of queries) {
    try {
      for (let i = 0; i < 2; i++) await contract.call(method, input)
      const times = []
      const end = performance.now() + BUDGET_MS
      while (times.length < SAMPLES && (times.length < 5 || performance.now() < end)) {
        const before = performance.now()
        await contract.call(method, input)
        times.push(performance.now() - before)
      }
      results.push({ label, p95: p95(times), samples: times.length })
    } catch (error) {
      results.push({ label, error: error.message.slice(0, 120) })
    }
  }
  return results
}
