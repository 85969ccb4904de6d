import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { flushSync } from 'svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Theme } from '@contract'
import App from '../../src-renderer/App.svelte'
import { DARK_QUERY, resolveTheme, ThemeStore } from '../../src-renderer/lib/stores/theme.svelte'
import { fakeApi, ok, settings } from './fake-transport'

/** A stand-in for the OS's light/dark preference, as `window.matchMedia` reports it. */
function fakeColorScheme(dark: boolean) {
  const listeners = new Set<(event: MediaQueryListEvent) => void>()
  const list = {
    get matches() {
      return dark
    },
    media: DARK_QUERY,
    addEventListener: (_type: string, l: (event: MediaQueryListEvent) => void) => listeners.add(l),
    removeEventListener: (_type: string, l: (event: MediaQueryListEvent) => void) =>
      listeners.delete(l)
  }
  const matchMedia = vi.fn((query: string) => {
    if (query !== DARK_QUERY) throw new Error(`unexpected media query ${query}`)
    return list as unknown as MediaQueryList
  })
  vi.stubGlobal('matchMedia', matchMedia)
  return {
    listeners,
    set(next: boolean) {
      dark = next
      for (const l of listeners) l({ matches: next } as MediaQueryListEvent)
    }
  }
}

const theme = (): string | undefined => document.documentElement.dataset.theme

beforeEach(() => {
  localStorage.clear()
  delete document.documentElement.dataset.theme
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('resolveTheme', () => {
  it.each([
    ['system', false, 'light'],
    ['system', true, 'dark'],
    ['light', true, 'light'],
    ['light', false, 'light'],
    ['dark', false, 'dark'],
    ['dark', true, 'dark']
  ] as const)('%s with the OS dark=%s draws %s', (chosen, systemDark, drawn) => {
    expect(resolveTheme(chosen, systemDark)).toBe(drawn)
  })
})

describe('ThemeStore', () => {
  it('follows the OS while the choice is System, and stops following when disposed', () => {
    const os = fakeColorScheme(true)
    let chosen: Theme | null = 'system'
    const store = new ThemeStore(() => chosen)
    const stop = store.start()
    flushSync()
    expect(theme()).toBe('dark')

    os.set(false)
    flushSync()
    expect(theme()).toBe('light')
    os.set(true)
    flushSync()
    expect(theme()).toBe('dark')

    stop()
    expect(os.listeners.size).toBe(0)
    chosen = 'light'
    os.set(false)
    flushSync()
    expect(theme()).toBe('dark')
  })

  it('an explicit choice wins over the OS', () => {
    const os = fakeColorScheme(true)
    const store = new ThemeStore(() => 'light')
    const stop = store.start()
    flushSync()
    expect(theme()).toBe('light')
    os.set(false)
    os.set(true)
    flushSync()
    expect(theme()).toBe('light')
    stop()
  })

  it('works without matchMedia (System is then light)', () => {
    const store = new ThemeStore(() => 'system')
    const stop = store.start()
    flushSync()
    expect(theme()).toBe('light')
    stop()
  })

  it('starts from the last theme chosen until the settings are read', () => {
    fakeColorScheme(false)
    localStorage.setItem('berth.theme', 'dark')
    const store = new ThemeStore(() => null)
    const stop = store.start()
    flushSync()
    expect(theme()).toBe('dark')
    stop()
  })
})

describe('the theme in the app', () => {
  it('reads the settings at start, then follows settings events and the view', async () => {
    const os = fakeColorScheme(false)
    const { api, transport } = fakeApi({ 'settings.get': () => ok(settings({ theme: 'dark' })) })
    render(App, { api })
    await waitFor(() => expect(theme()).toBe('dark'))

    transport.emit({ type: 'settings', settings: settings({ theme: 'system' }) })
    await waitFor(() => expect(theme()).toBe('light'))
    os.set(true)
    await waitFor(() => expect(theme()).toBe('dark'))

    // Choosing Light in Settings applies at once, before the agent answers.
    await fireEvent.click(screen.getByTestId('nav-settings'))
    await fireEvent.click(await screen.findByTestId('theme-light'))
    expect(theme()).toBe('light')
    expect(localStorage.getItem('berth.theme')).toBe('light')
    expect(transport.callsTo('settings.update')).toEqual([{ theme: 'light' }])
  })
})
