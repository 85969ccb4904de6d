import type { Theme } from '@contract'

/** What the page is drawn in: the chosen theme, with `system` settled. */
export type ResolvedTheme = 'light' | 'dark'

export const DARK_QUERY = '(prefers-color-scheme: dark)'

/** Where the last theme is kept, so a reload does not flash the other palette before settings load. */
const REMEMBERED = 'berth.theme'

export function resolveTheme(theme: Theme, systemDark: boolean): ResolvedTheme {
  if (theme === 'system') return systemDark ? 'dark' : 'light'
  return theme
}

/**
 * Puts the theme on `<html data-theme>`; styles.css draws the palette and the matching
 * `color-scheme` (form controls, scrollbars) from it.
 */
export function applyTheme(
  theme: ResolvedTheme,
  root: HTMLElement = document.documentElement
): void {
  root.dataset.theme = theme
}

function remembered(): Theme | null {
  try {
    const value = localStorage.getItem(REMEMBERED)
    return value === 'light' || value === 'dark' || value === 'system' ? value : null
  } catch {
    return null
  }
}

function remember(theme: Theme): void {
  try {
    localStorage.setItem(REMEMBERED, theme)
  } catch {
    // Storage may be off (private windows); the theme still applies for this session.
  }
}

/**
 * The page's theme: the user's choice from settings (`preference` reads it, null until known) and,
 * for `system`, the OS's light or dark mode, followed as it changes.
 */
export class ThemeStore {
  /** The OS asks for dark. */
  systemDark = $state(false)

  readonly #preference: () => Theme | null
  readonly #fallback: Theme

  constructor(preference: () => Theme | null) {
    this.#preference = preference
    this.#fallback = remembered() ?? 'system'
  }

  get preference(): Theme {
    return this.#preference() ?? this.#fallback
  }

  get resolved(): ResolvedTheme {
    return resolveTheme(this.preference, this.systemDark)
  }

  /** Applies the theme now and whenever it changes, until the returned disposer runs. */
  start(): () => void {
    const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null
    this.systemDark = media?.matches ?? false
    const onChange = (event: MediaQueryListEvent): void => {
      this.systemDark = event.matches
    }
    media?.addEventListener('change', onChange)
    const stopEffects = $effect.root(() => {
      $effect(() => applyTheme(this.resolved))
      $effect(() => {
        const chosen = this.#preference()
        if (chosen !== null) remember(chosen)
      })
    })
    return () => {
      media?.removeEventListener('change', onChange)
      stopEffects()
    }
  }
}
