import type { PrimedCall } from './api/primed'
import { BLOCK_SIZE } from './stores/row-blocks'

/**
 * What the first screen (all nodes, the first block, in the agent's order) asks for, sent at
 * start-up before the views exist. The input must match ResourceList's own first query key for
 * key, or the answer is never taken and the list asks again.
 */
export const FIRST_QUERIES: readonly PrimedCall[] = [
  { method: 'nodes.list', input: { offset: 0, limit: BLOCK_SIZE } }
]
