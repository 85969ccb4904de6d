import { untrack } from 'svelte'
import type { AgentEvent } from '@contract'
import type { BerthApi } from '../api/client'

export interface FollowOptions {
  /** Reads the current state: now, and again when the agent link comes back. */
  load: () => void
  /** Sees every event the agent pushes. */
  onEvent: (event: AgentEvent) => void
}

/**
 * Loads now, then follows the agent's events until the returned disposer runs. Events sent while
 * the link was down are lost, so the state is loaded once more when it is back — but only after a
 * link that was up went down: a load made before the first connection waits for it and is sent
 * on it, so loading again there would send every start-up query twice. Safe to call from effects:
 * nothing read here becomes a dependency.
 */
export function followAgent(api: BerthApi, { load, onEvent }: FollowOptions): () => void {
  return untrack(() => {
    load()
    let wasUp = false
    let lost = false
    const offEvent = api.onEvent(onEvent)
    const offLink = api.onLink((up) => {
      if (up && lost) load()
      if (up) wasUp = true
      lost = !up && wasUp
    })
    return () => {
      offEvent()
      offLink()
    }
  })
}
