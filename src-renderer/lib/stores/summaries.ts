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

const removal = (event: AgentEvent): boolean =>
  event.type === 'accounts' && (event.removed?.length ?? 0) > 0

/**
 * A count of `kind` rows kept live. A removed account's rows are gone from the agent when its
 * event arrives, so the count is asked for again at once rather than at the end of a burst.
 */
function liveCount<T>(api: BerthApi, kind: string, fetch: () => Promise<Result<T>>): LiveQuery<T> {
  const moved = rowsOf(kind)
  const query: LiveQuery<T> = new LiveQuery<T>(api, {
    fetch,
    relevant: (event) => {
      if (!removal(event)) return moved(event)
      query.load()
      return false
    }
  })
  return query
}

/** Per-cluster ready/total counts for the cluster filter. */
export function clusterSummaries(api: BerthApi): LiveQuery<ClusterSummary[]> {
  return liveCount(api, 'nodes', () => api.call('nodes.clusters', {}))
}

/** Total rows of one kind, for the navigation. A one-row page makes this a COUNT in the agent. */
export function resourceCount(api: BerthApi, method: ListMethod): LiveQuery<number> {
  return liveCount(api, method.slice(0, method.indexOf('.')), async (): Promise<Result<number>> => {
    const result = await api.call(method, { offset: 0, limit: 1 })
    return result.ok ? { ok: true, value: result.value.total } : result
  })
}
