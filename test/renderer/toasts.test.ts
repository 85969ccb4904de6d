import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { MAX_TOASTS, TOAST_MS, ToastStore } from '../../src-renderer/lib/stores/toasts.svelte'
import {
  appInfo,
  fakeApi,
  flushPromises,
  job,
  notification,
  ok,
  page,
  type Handler
} from './fake-transport'

afterEach(() => {
  vi.useRealTimers()
})

async function app(mode: 'desktop' | 'headless', handlers: Record<string, Handler> = {}) {
  const fake = fakeApi({ 'app.info': () => ok(appInfo({ mode })), ...handlers })
  render(App, { api: fake.api })
  await waitFor(() => expect(fake.transport.callsTo('app.info')).toHaveLength(1))
  await flushPromises()
  return fake
}

describe('in-app toasts', () => {
  it('show headless when the agent marks a notification as a toast', async () => {
    const { transport } = await app('headless')
    const region = screen.getByTestId('toasts')
    expect(region.getAttribute('aria-live')).toBe('polite')
    expect(within(region).queryAllByTestId('toast')).toHaveLength(0)

    transport.emit({
      type: 'notification',
      notification: notification(1, { title: 'Cluster dev created', body: 'on sandbox' }),
      toast: true
    })
    const toast = await screen.findByTestId('toast')
    expect(region.contains(toast)).toBe(true)
    expect(toast.textContent).toContain('Cluster dev created')
    expect(toast.textContent).toContain('on sandbox')
  })

  it('stay away when the agent says no toast (kind off or paused)', async () => {
    const { transport } = await app('headless')
    transport.emit({ type: 'notification', notification: notification(1), toast: false })
    await flushPromises()
    expect(screen.queryByTestId('toast')).toBeNull()
    // The history still has it.
    await waitFor(() => expect(screen.getByTestId('notifications-unread').textContent).toBe('1'))
  })

  it('never show in the desktop app, whose shell shows native ones', async () => {
    const { transport } = await app('desktop')
    transport.emit({ type: 'notification', notification: notification(1), toast: true })
    await flushPromises()
    expect(screen.queryByTestId('toast')).toBeNull()
  })

  it('clicking one marks it read and shows what it is about', async () => {
    const { transport } = await app('headless', {
      'jobs.list': () => ok(page([job('j4', { title: 'Create cluster four' })]))
    })
    transport.emit({ type: 'notification', notification: notification(4), toast: true })
    await fireEvent.click(await screen.findByTestId('toast-open'))
    expect(screen.queryByTestId('toast')).toBeNull()
    expect(transport.callsTo('notifications.markRead')).toEqual([{ ids: [4] }])
    expect(screen.getByTestId('view-title').textContent).toBe('Activity')
    await waitFor(() =>
      expect(screen.getByTestId('job-detail').textContent).toContain('Create cluster four')
    )
  })

  it('can be dismissed', async () => {
    const { transport } = await app('headless')
    transport.emit({ type: 'notification', notification: notification(1), toast: true })
    await fireEvent.click(await screen.findByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByTestId('toast')).toBeNull()
    expect(transport.callsTo('notifications.markRead')).toEqual([])
  })
})

describe('ToastStore', () => {
  it('hides a toast after a while, but not while it is pointed at or focused', () => {
    vi.useFakeTimers()
    const { api, transport } = fakeApi()
    const store = new ToastStore(api, () => true)
    const stop = store.start()
    transport.emit({ type: 'notification', notification: notification(1), toast: true })
    expect(store.toasts.map((t) => t.id)).toEqual([1])

    vi.advanceTimersByTime(TOAST_MS - 1)
    store.hold(1)
    vi.advanceTimersByTime(TOAST_MS * 3)
    expect(store.toasts.map((t) => t.id)).toEqual([1])
    store.release(1)
    vi.advanceTimersByTime(TOAST_MS - 1)
    expect(store.toasts).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(store.toasts).toEqual([])
    stop()
  })

  it('shows a few at most, and a repeated entry replaces its toast', () => {
    vi.useFakeTimers()
    const { api, transport } = fakeApi()
    const store = new ToastStore(api, () => true)
    const stop = store.start()
    for (let id = 1; id <= MAX_TOASTS + 2; id++)
      transport.emit({ type: 'notification', notification: notification(id), toast: true })
    expect(store.toasts.map((t) => t.id)).toEqual([3, 4, 5])

    transport.emit({
      type: 'notification',
      notification: notification(4, { count: 3 }),
      toast: true
    })
    expect(store.toasts.map((t) => [t.id, t.count])).toEqual([
      [3, 1],
      [5, 1],
      [4, 3]
    ])
    stop()
    expect(store.toasts).toEqual([])
  })
})
