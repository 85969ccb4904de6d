import { untrack } from 'svelte'

/** Below this width the sidebar would squeeze the views: it folds away and opens over them. */
export const NARROW_BELOW_PX = 1000
const KEY = 'berth.sidebar'

type Choice = 'open' | 'collapsed'

const readChoice = (): Choice | null => {
  try {
    const kept = localStorage.getItem(KEY)
    return kept === 'open' || kept === 'collapsed' ? kept : null
  } catch {
    return null
  }
}

/**
 * Whether the sidebar is out. Wide windows show it unless the user folded it away (remembered
 * across reloads and restarts); narrow ones fold it to a rail and open it over the view on
 * request, closing it again once a place is picked.
 */
export class SidebarState {
  narrow = $state(window.innerWidth < NARROW_BELOW_PX)
  #choice = $state<Choice | null>(readChoice())
  /** Opened over the view in a narrow window; starts closed each time the window gets narrow. */
  #overlay = $state(false)

  get open(): boolean {
    return this.narrow ? this.#overlay : this.#choice !== 'collapsed'
  }

  toggle(): void {
    if (this.narrow) {
      this.#overlay = !this.#overlay
      return
    }
    this.#choice = this.open ? 'collapsed' : 'open'
    try {
      localStorage.setItem(KEY, this.#choice)
    } catch {
      // Not remembered (storage refused): it still toggles for this session.
    }
  }

  /** Bring it out (the account list was asked for), without changing the remembered choice. */
  show(): void {
    if (this.narrow) this.#overlay = true
    else if (this.#choice === 'collapsed') this.#choice = 'open'
  }

  /** A place was picked: an overlay has done its job. */
  picked(): void {
    this.#overlay = false
  }

  start(): () => void {
    return untrack(() => {
      const follow = (): void => {
        const narrow = window.innerWidth < NARROW_BELOW_PX
        if (narrow === this.narrow) return
        this.narrow = narrow
        this.#overlay = false
      }
      follow()
      window.addEventListener('resize', follow)
      return () => window.removeEventListener('resize', follow)
    })
  }
}
