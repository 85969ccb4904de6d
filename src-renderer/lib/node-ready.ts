/**
 * The contract's rule for a ready node (src-shared/contract/node-ready.ts), kept here so the views
 * need none of the contract's code before the first rows show; test/renderer/boot-chunk.test.ts
 * holds the two equal.
 */
export function isNodeReady(state: string): boolean {
  return state.trim().toLowerCase() === 'ready'
}

/** A node state in the words the screen and the notifications both use (see the contract's). */
export function nodeStateWord(state: string): string {
  const s = state.trim().toLowerCase()
  if (s === 'ready') return 'ready'
  if (s === 'running') return 'starting'
  if (s === 'notready') return 'not ready'
  return state
}
