import { parentRoute, ROUTE_VIEWS, viewName, type Route } from './route'

/** The views `g` can reach: every list a route names (a detail belongs to its list). */
export interface ViewEntry {
  route: Route
  name: string
  /** The letter after `g`, when it has one. */
  letter?: string
  /** Only meaningful with a Cycle hub configured. */
  cycle: boolean
}

/** `g` then this letter goes to the view. Views added later without a letter are still listed. */
const GO_LETTERS: Partial<Record<string, string>> = {
  overview: 'h',
  nodes: 'n',
  clusters: 'c',
  images: 'i',
  networks: 'w',
  'cycle-images': 'y',
  'cycle-sources': 'r',
  'cycle-jobs': 'j',
  activity: 'a',
  notifications: 'o',
  settings: 's'
}

const CYCLE = new Set<string>(['cycle-images', 'cycle-sources', 'cycle-jobs'])

/** Every list view, in the navigation's order, derived from the routes so new views join in. */
export function listViews(): ViewEntry[] {
  return ROUTE_VIEWS.filter((view) => parentRoute({ view } as Route) === null).map((view) => {
    const letter = GO_LETTERS[view]
    return {
      route: { view } as Route,
      name: viewName(view),
      ...(letter !== undefined && { letter }),
      cycle: CYCLE.has(view)
    }
  })
}

/** The views there are right now: Cycle's only with a hub. */
export const availableViews = (cycle: boolean): ViewEntry[] =>
  listViews().filter((v) => cycle || !v.cycle)

/** The keys that go to a view, as the help and the hints write them ("g c"); the nav's `jobs` is Activity. */
export function goKeys(view: string): string | undefined {
  const letter = GO_LETTERS[view === 'jobs' ? 'activity' : view]
  return letter === undefined ? undefined : `g ${letter}`
}

/** The modifier for the palette as this platform writes it. */
export const paletteKeys = (mac: boolean): string => (mac ? '⌘ K' : 'Ctrl K')

export type Command =
  | { kind: 'palette' }
  | { kind: 'search' }
  | { kind: 'help' }
  | { kind: 'go'; route: Route }
  /** `g` was pressed: the next letter picks a view. */
  | { kind: 'pending' }

/** What the reader needs of a keydown (a KeyboardEvent, or a plain object in tests). */
export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  target: EventTarget | null
}

const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])'

/** Keys typed into a field are the field's: a `g` in a search box is a letter, not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    typeof Element !== 'undefined' && target instanceof Element && target.closest(TYPING) !== null
  )
}

/** How long `g` waits for its letter. */
export const PENDING_MS = 1500

/**
 * Turns key presses into commands: Ctrl/Cmd+K anywhere, and outside fields `/`, `?`, and `g`
 * followed (within PENDING_MS) by a view's letter. It holds only the pending `g`.
 */
export class ShortcutReader {
  #pendingSince: number | null = null
  readonly #views: () => readonly ViewEntry[]
  readonly #now: () => number

  constructor(views: () => readonly ViewEntry[], now: () => number = () => Date.now()) {
    this.#views = views
    this.#now = now
  }

  get pending(): boolean {
    return this.#pendingSince !== null && this.#now() - this.#pendingSince <= PENDING_MS
  }

  read(press: KeyPress): Command | null {
    const key = press.key.length === 1 ? press.key.toLowerCase() : press.key
    if ((press.ctrlKey || press.metaKey) && !press.altKey && key === 'k') {
      this.#pendingSince = null
      return { kind: 'palette' }
    }
    const waiting = this.pending
    this.#pendingSince = null
    if (press.ctrlKey || press.metaKey || press.altKey || isTyping(press.target)) return null
    if (waiting) {
      const view = this.#views().find((v) => v.letter === key)
      return view ? { kind: 'go', route: view.route } : null
    }
    if (key === 'g') {
      this.#pendingSince = this.#now()
      return { kind: 'pending' }
    }
    if (press.key === '/') return { kind: 'search' }
    if (press.key === '?') return { kind: 'help' }
    return null
  }
}
