import { untrack } from 'svelte'
import type { BerthApi } from '../api/client'

/** How long a first connection may take before the UI says the agent cannot be reached. */
export const FIRST_CONNECT_GRACE_MS = 2000

/** Whether the UI can reach Berth's agent (always true over Electron IPC). */
export class LinkState {
  up = $state(true)
  /** The agent refuses this page's token: it restarted, and only its new address gets in. */
  rejected = $state(false)
  #everUp = $state(false)
  #graceOver = $state(false)

  readonly #api: BerthApi

  constructor(api: BerthApi) {
    this.#api = api
  }

  /** Down after having been up, or never up within the grace period. Startup is not an outage. */
  get lost(): boolean {
    return !this.up && (this.#everUp || this.#graceOver)
  }

  start(): () => void {
    return untrack(() => {
      const grace = setTimeout(() => (this.#graceOver = true), FIRST_CONNECT_GRACE_MS)
      const off = this.#api.onLink((up) => {
        this.up = up
        if (up) this.#everUp = true
      })
      const offRejected = this.#api.onRejected((rejected) => (this.rejected = rejected))
      return () => {
        clearTimeout(grace)
        off()
        offRejected()
      }
    })
  }
}
