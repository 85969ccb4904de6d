import { untrack } from 'svelte'
import type { AppError, AppInfo, ColumnPrefs, Favourite, Settings, SettingsPatch } from '@contract'
import type { BerthApi } from '../api/client'
import { preloadContract, withContract } from '../contract-later'
import { followAgent } from './live'

// A change shows at once, through the contract's own merge: its chunk is fetched as the views
// load (after the socket and the first query are out), so it is here before anyone can click.
preloadContract()

const shared = new WeakMap<BerthApi, SettingsStore>()
let latestApi: BerthApi | null = null

/**
 * The settings store App made for this API, for the parts App does not hand it to (lists, detail
 * headers); one made and started here when there is none (a view mounted on its own, in a test).
 */
export function settingsFor(api: BerthApi): SettingsStore {
  const known = shared.get(api)
  if (known) return known
  const made = new SettingsStore(api)
  made.start()
  return made
}

/** The app's settings store, for the sidebar's pinned list (which is handed no API); null before. */
export function appSettings(): SettingsStore | null {
  return latestApi && (shared.get(latestApi) ?? null)
}

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
    shared.set(api, this)
    latestApi = api
  }

  /** The API these settings come through (the pinned list reads its items' states with it). */
  get api(): BerthApi {
    return this.#api
  }

  /** How the user arranged one list's columns; undefined until read or never arranged. */
  columnsOf(listId: string): ColumnPrefs | undefined {
    return this.settings?.columns[listId]
  }

  setColumns(listId: string, prefs: ColumnPrefs): Promise<boolean> {
    return this.update({ columns: { [listId]: prefs } })
  }

  isFavourite(kind: Favourite['kind'], accountId: string, key: string): boolean {
    return (this.settings?.favourites ?? []).some(
      (f) => f.kind === kind && f.accountId === accountId && f.key === key
    )
  }

  /** Pins the item, or unpins it when it is pinned already. */
  toggleFavourite(item: Favourite): Promise<boolean> {
    const all = this.settings?.favourites ?? []
    const rest = all.filter(
      (f) => !(f.kind === item.kind && f.accountId === item.accountId && f.key === item.key)
    )
    return this.update({ favourites: rest.length < all.length ? rest : [...all, item] })
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
