import type { PrimedCall } from './api/primed'
import { OVERVIEW_INPUT } from './overview-query'
import { parseRoute } from './route'
import { BLOCK_SIZE } from './stores/row-blocks'

/**
 * What the first screen asks for, sent at start-up before the views exist: the Overview's figures
 * when the address opens on it (an empty one does: it is the start view), or the first block of
 * all nodes, in the agent's order, on the Nodes list (a reload elsewhere asks nothing early: an
 * answer nobody takes at once would only go stale). The input must match the view's own first
 * query key for key, or the answer is never taken and the view asks again.
 */
export function firstQueries(hash: string): readonly PrimedCall[] {
  if (opensOnOverview(hash)) return [{ method: 'overview.get', input: OVERVIEW_INPUT }]
  const route = parseRoute(hash)
  // Nodes as they open: no filter, search or sort in the address.
  const allNodes = route?.view === 'nodes' && Object.keys(route).length === 1
  return allNodes ? [{ method: 'nodes.list', input: { offset: 0, limit: BLOCK_SIZE } }] : []
}

/** Whether the address opens on the Overview (an empty one does: it is the start view). */
export function opensOnOverview(hash: string): boolean {
  const route = parseRoute(hash)
  return route === null || route.view === 'overview'
}
