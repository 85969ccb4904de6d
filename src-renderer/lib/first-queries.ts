import type { PrimedCall } from './api/primed'
import { parseRoute } from './route'
import { BLOCK_SIZE } from './stores/row-blocks'

/**
 * What the first screen asks for, sent at start-up before the views exist: the first block of all
 * nodes, in the agent's order, when the address opens on the Nodes list (a reload elsewhere asks
 * nothing early: an answer nobody takes at once would only go stale). The input must match
 * ResourceList's own first query key for key, or the answer is never taken and the list asks again.
 */
export function firstQueries(hash: string): readonly PrimedCall[] {
  const route = parseRoute(hash)
  const allNodes =
    route === null ||
    (route.view === 'nodes' && route.cluster === undefined && route.accountId === undefined)
  return allNodes ? [{ method: 'nodes.list', input: { offset: 0, limit: BLOCK_SIZE } }] : []
}
