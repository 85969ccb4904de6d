import { untrack } from 'svelte'
import type { AppError, AppInfo, Settings, SettingsPatch } from '@contract'
import type { BerthApi } from '../api/client'
import { preloadContract, withContract } from '../contract-later'
import { followAgent } from './live'

// A change shows at once, through the contract's own merge: its chunk is fetched as the views
// load (after the socket and the first query are out), so it is here before anyone can click.
preloadContract()

/**
 * The user's settings and the facts about this installation: one `settings.get` and `app.info`,
 * then kept current by `settings` events (another window or the tray may change them).
 */
export class SettingsStore {
  settings = $state.raw<Settings | null>(null)
  info = $state.raw<AppInfo | null>(null)
  /** Why the settings could not be read. */
  error = $state.raw<AppError | null>(null)
  /** Why the last change was refused; the view shows it beside the controls. */
  updateError = $state<string | null>(null)

  readonly #api: BerthApi
  #latest = 0
  #updates = 0

  constructor(api: BerthApi) {
    this.#api = api
  }

  /** The view's mode once known; until then the desktop is assumed, which adds nothing. */
  get headless(): boolean {
    return this.info?.mode === 'headless'
  }

  load(): void {
    untrack(() => {
      const ticket = ++this.#latest
      void this.#api.call('settings.get', {}).then((result) => {
        if (ticket !== this.#latest) return
        if (!result.ok) {
          this.error = result.error
          return
        }
        this.error = null
        this.settings = result.value
      })
      void this.#api.call('app.info', {}).then((result) => {
        if (result.ok) this.info = result.value
      })
    })
  }

  start(): () => void {
    const stop = followAgent(this.#api, {
      load: () => this.load(),
      onEvent: (event) => {
        if (event.type !== 'settings') return
        // Newer than any read in flight.
        this.#latest++
        this.error = null
        this.settings = event.settings
      }
    })
    return () => {
      stop()
      this.#latest++
    }
  }

  /**
   * Sends just the changed part. It shows at once; a refusal puts the last saved settings back and
   * says why. Resolves with whether the agent accepted it.
   */
  async update(patch: SettingsPatch): Promise<boolean> {
    const current = this.settings
    if (!current) return false
    const ticket = ++this.#updates
    this.#latest++
    const shown = withContract(({ applySettingsPatch }) => {
      this.settings = applySettingsPatch(this.settings ?? current, patch)
    })
    // Only in the first moments after start; otherwise the change shows before the call leaves.
    if (shown instanceof Promise) await shown
    this.updateError = null
    const result = await this.#api.call('settings.update', patch)
    if (!result.ok) {
      this.updateError = result.error.message
      this.load()
      return false
    }
    // A later change is already on screen; its own answer will settle it.
    if (ticket === this.#updates) this.settings = result.value
    return true
  }

  /**
   * Empties the cache of server data; the agent refreshes every account at once. Resolves with why
   * it failed, or null.
   */
  async clearCache(): Promise<string | null> {
    const result = await this.#api.call('cache.clear', {})
    return result.ok ? null : result.error.message
  }
}
