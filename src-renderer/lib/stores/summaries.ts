import type { AgentEvent, ClusterSummary, Result } from '@contract'
import type { BerthApi } from '../api/client'
import { LiveQuery } from './live-query.svelte'
import type { ListMethod } from './resource-list.svelte'

// Counts move only when rows do (`changed`) or an account and its rows leave (`accounts`);
// `account` events are status and freshness, which no count shows.
const rowsOf =
  (kind: string) =>
  (event: AgentEvent): boolean =>
    event.type === 'accounts' || (event.type === 'changed' && event.kind === kind)

/** Per-cluster ready/total counts for the cluster filter. */
export function clusterSummaries(api: BerthApi): LiveQuery<ClusterSummary[]> {
  return new LiveQuery(api, {
    fetch: () => api.call('nodes.clusters', {}),
    relevant: rowsOf('nodes')
  })
}

/** Total rows of one kind, for the navigation. A one-row page makes this a COUNT in the agent. */
export function resourceCount(api: BerthApi, method: ListMethod): LiveQuery<number> {
  const kind = method.slice(0, method.indexOf('.'))
  return new LiveQuery(api, {
    fetch: async (): Promise<Result<number>> => {
      const result = await api.call(method, { offset: 0, limit: 1 })
      return result.ok ? { ok: true, value: result.value.total } : result
    },
    relevant: rowsOf(kind)
  })
}
