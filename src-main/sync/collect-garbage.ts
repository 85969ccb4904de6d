import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

type Collect = (options?: { type: 'major'; execution: 'async' }) => Promise<void> | void

let collect: Collect | null | undefined

/**
 * Asks V8 for a full collection of this thread's heap: `soon` runs it concurrently (for the
 * serving thread, which must not stall), `now` blocks (for a worker about to end, whose closing
 * work then runs without the dead weight).
 *
 * Why: handling a large sync leaves ~100 MB of dead objects in the old generation (Cycle pages
 * read and posted on the serving thread; a whole reply parsed in the worker), and V8 collects an
 * idle thread's old garbage only when it next allocates enough; between syncs the agent barely
 * allocates, so that heap would stay resident until the next refresh. The `gc` function is
 * obtained the way jest's leak detector does it (the flag is on only while a context is made, so
 * nothing else sees `gc`).
 */
export function collectGarbage(when: 'now' | 'soon'): void {
  collect ??= obtain()
  try {
    // Without options it is a full, blocking collection (an options object asking for a
    // synchronous one collected nothing here: V8 12 on Node 20).
    void (when === 'now' ? collect?.() : collect?.({ type: 'major', execution: 'async' }))
  } catch {
    // Only a hint: a runtime without it keeps its garbage a little longer.
  }
}

function obtain(): Collect | null {
  const exposed = (globalThis as { gc?: Collect }).gc
  if (typeof exposed === 'function') return exposed
  try {
    setFlagsFromString('--expose-gc')
    return runInNewContext('gc') as Collect
  } catch {
    return null
  } finally {
    setFlagsFromString('--no-expose-gc')
  }
}
