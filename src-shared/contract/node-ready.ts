/**
 * The one meaning of a "ready" node, shared by the cache's counts and the screen: qbo reports a
 * node `ready` (any case) once Kubernetes marks it ready. `running` is a node whose container is up
 * but not yet ready; `notready`/`NotReady` and `stopped` are not ready either.
 */
export const READY_NODE_STATE = 'ready'

export function isNodeReady(state: string): boolean {
  return state.trim().toLowerCase() === READY_NODE_STATE
}

/** The same rule as SQL over a column holding a node's state. */
export const nodeReadySql = (column: string): string =>
  `lower(trim(${column})) = '${READY_NODE_STATE}'`

/**
 * A node state in the words the screen and the notifications both use: `running` is a node not
 * ready yet, so it reads "starting" (elsewhere "running" means up); `notready` reads "not ready".
 */
export function nodeStateWord(state: string): string {
  if (isNodeReady(state)) return READY_NODE_STATE
  const s = state.trim().toLowerCase()
  if (s === 'running') return 'starting'
  if (s === 'notready') return 'not ready'
  return state
}
