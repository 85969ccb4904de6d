import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Result } from '@contract'
import App from '../../src-renderer/App.svelte'
import { intervalLabel } from '../../src-renderer/lib/settings-words'
import {
  appInfo,
  deferred,
  failure,
  fakeApi,
  flushPromises,
  ok,
  settings,
  type Handler
} from './fake-transport'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

async function openSettings(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  await fireEvent.click(screen.getByTestId('nav-settings'))
  await screen.findByTestId('settings-appearance')
  return fake
}

const input = (testid: string): HTMLInputElement => screen.getByTestId(testid) as HTMLInputElement

describe('Settings view', () => {
  it('is reached from the gear at the foot of the sidebar and shows the saved settings', async () => {
    const { transport } = await openSettings({
      'settings.get': () =>
        ok(
          settings({
            theme: 'dark',
            refreshIntervalSec: 900,
            notifications: {
              paused: true,
              kinds: { job: true, resource: false, account: true, outbox: true }
            }
          })
        )
    })
    expect(screen.getByTestId('view-title').textContent).toBe('Settings')
    expect(screen.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page')
    expect(screen.getByTestId('nav-nodes').getAttribute('aria-current')).toBeNull()

    await waitFor(() => expect(input('theme-dark').checked).toBe(true))
    expect(input('theme-system').checked).toBe(false)
    expect(input('notifications-paused').checked).toBe(true)
    expect(input('notifications-paused').getAttribute('role')).toBe('switch')
    expect(input('notify-job').checked).toBe(true)
    expect(input('notify-resource').checked).toBe(false)
    expect((screen.getByTestId('refresh-interval') as HTMLSelectElement).value).toBe('900')
    // Each kind in words, and the promise that the history keeps everything.
    expect(screen.getByLabelText('Jobs finish or fail')).toBe(input('notify-job'))
    expect(screen.getByLabelText('Nodes, clusters and images change state')).toBe(
      input('notify-resource')
    )
    expect(screen.getByLabelText('Accounts lose or regain their connection')).toBeTruthy()
    expect(screen.getByLabelText('Queued actions cannot be delivered')).toBeTruthy()
    expect(screen.getByTestId('settings-notifications').textContent).toContain(
      'history keeps every entry, even when its toasts are off'
    )
    expect(transport.callsTo('settings.get')).toHaveLength(1)
  })

  it('sends just the changed part of each setting', async () => {
    const { transport } = await openSettings()
    await waitFor(() => expect(input('theme-system').checked).toBe(true))

    await fireEvent.click(input('theme-dark'))
    await fireEvent.click(input('notify-resource'))
    await fireEvent.click(input('notifications-paused'))
    await fireEvent.click(input('close-to-tray'))
    await fireEvent.change(screen.getByTestId('refresh-interval'), { target: { value: '3600' } })

    await waitFor(() => expect(transport.callsTo('settings.update')).toHaveLength(5))
    expect(transport.callsTo('settings.update')).toEqual([
      { theme: 'dark' },
      { notifications: { kinds: { resource: false } } },
      { notifications: { paused: true } },
      { closeToTray: false },
      { refreshIntervalSec: 3600 }
    ])
    expect(input('theme-dark').checked).toBe(true)
    expect(input('notify-resource').checked).toBe(false)
    expect(input('notify-job').checked).toBe(true)
    expect(input('notifications-paused').checked).toBe(true)
    expect(input('close-to-tray').checked).toBe(false)
  })

  it('offers every refresh interval, and keeps an odd one set elsewhere choosable', async () => {
    await openSettings({ 'settings.get': () => ok(settings({ refreshIntervalSec: 120 })) })
    const select = screen.getByTestId('refresh-interval') as HTMLSelectElement
    await waitFor(() => expect(select.value).toBe('120'))
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['0', 'Off'],
      ['60', '1 min'],
      ['120', '2 min'],
      ['300', '5 min'],
      ['900', '15 min'],
      ['3600', '1 h']
    ])
    expect(intervalLabel(5400)).toBe('1 h 30 min')
  })

  it('follows settings events from another window or the tray', async () => {
    const { transport } = await openSettings()
    await waitFor(() => expect(input('theme-system').checked).toBe(true))

    transport.emit({
      type: 'settings',
      settings: settings({
        theme: 'light',
        closeToTray: false,
        notifications: {
          paused: true,
          kinds: { job: false, resource: true, account: true, outbox: true }
        }
      })
    })
    await waitFor(() => expect(input('theme-light').checked).toBe(true))
    expect(input('notify-job').checked).toBe(false)
    expect(input('notifications-paused').checked).toBe(true)
    expect(input('close-to-tray').checked).toBe(false)
    expect(transport.callsTo('settings.update')).toEqual([])
  })

  it('says why a change was refused and shows the saved setting again', async () => {
    const { transport } = await openSettings({
      'settings.update': () => failure('internal', 'The settings file is read-only')
    })
    await waitFor(() => expect(input('notify-outbox').checked).toBe(true))

    await fireEvent.click(input('notify-outbox'))
    const error = await screen.findByTestId('settings-error')
    expect(error.textContent).toContain('The settings file is read-only')
    await waitFor(() => expect(input('notify-outbox').checked).toBe(true))
    expect(transport.callsTo('settings.get').length).toBeGreaterThanOrEqual(2)
  })

  it('disables close-to-tray in headless mode and says it is for the desktop app', async () => {
    await openSettings({ 'app.info': () => ok(appInfo({ mode: 'headless', secrets: 'key-file' })) })
    await waitFor(() => expect(input('close-to-tray').disabled).toBe(true))
    const window = screen.getByTestId('settings-window')
    expect(window.textContent).toContain('This applies to the desktop app')
    expect(input('close-to-tray').getAttribute('aria-describedby')).toBeTruthy()
    expect(screen.getByTestId('secrets').textContent).toBe(
      'Encrypted with a key file kept in the data folder'
    )
  })

  it('leaves close-to-tray enabled on the desktop', async () => {
    await openSettings()
    await screen.findByTestId('data-dir')
    expect(input('close-to-tray').disabled).toBe(false)
    expect(screen.getByTestId('settings-window').textContent).not.toContain('desktop app')
  })

  it('shows where Berth keeps its files, how secrets are sealed and its version', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await openSettings()

    expect((await screen.findByTestId('data-dir')).textContent).toBe('/home/alex/.config/Berth')
    expect(screen.getByTestId('log-dir').textContent).toBe('/home/alex/.config/Berth/logs')
    expect(screen.getByTestId('secrets').textContent).toBe(
      "Sealed by the operating system's keyring"
    )
    expect(screen.getByTestId('app-version').textContent).toBe('0.9.0')

    await fireEvent.click(screen.getByRole('button', { name: 'Copy the data folder path' }))
    expect(writeText).toHaveBeenCalledWith('/home/alex/.config/Berth')
    await waitFor(() =>
      expect(screen.getByTestId('settings-storage').textContent).toContain('Copied')
    )
  })

  it('offers no copy button where the browser gives no clipboard', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined })
    await openSettings()
    await screen.findByTestId('data-dir')
    expect(screen.queryByRole('button', { name: /^Copy/ })).toBeNull()
  })

  it('clears the cache only after a confirmation that accounts and queued actions stay', async () => {
    const answer = deferred<Result<unknown>>()
    const { transport } = await openSettings({ 'cache.clear': () => answer.promise })

    await fireEvent.click(screen.getByTestId('clear-cache'))
    const dialog = screen.getByTestId('confirm-dialog')
    expect(dialog.textContent).toContain('Clear the cache?')
    expect(dialog.textContent).toContain('accounts')
    expect(dialog.textContent).toContain('queued actions')
    expect(dialog.textContent).toContain('are kept')
    // Cancel changes nothing.
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByTestId('confirm-dialog')).toBeNull()
    expect(transport.callsTo('cache.clear')).toEqual([])

    await fireEvent.click(screen.getByTestId('clear-cache'))
    await fireEvent.click(screen.getByTestId('confirm-clear-cache'))
    expect(transport.callsTo('cache.clear')).toEqual([{}])
    expect((screen.getByTestId('confirm-clear-cache') as HTMLButtonElement).disabled).toBe(true)

    answer.resolve(ok(null))
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull())
    expect(screen.getByTestId('clear-cache-result').textContent).toContain('Cache cleared')
  })

  it('keeps the dialog open with the reason when clearing the cache fails', async () => {
    await openSettings({ 'cache.clear': () => failure('internal', 'database is locked') })
    await fireEvent.click(screen.getByTestId('clear-cache'))
    await fireEvent.click(screen.getByTestId('confirm-clear-cache'))
    const dialog = screen.getByTestId('confirm-dialog')
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('locked'))
    await flushPromises()
    expect(screen.getByTestId('clear-cache-result').textContent?.trim()).toBe('')
  })

  it('says so when the settings cannot be read, and tries again on request', async () => {
    let calls = 0
    const { api } = fakeApi({
      'settings.get': () =>
        ++calls === 1 ? failure('unavailable', 'agent starting') : ok(settings())
    })
    render(App, { api })
    await fireEvent.click(screen.getByTestId('nav-settings'))
    expect((await screen.findByRole('alert')).textContent).toContain('agent starting')
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await screen.findByTestId('settings-appearance')
  })
})
