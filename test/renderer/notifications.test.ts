import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NotificationView, Result } from '@contract'
import App from '../../src-renderer/App.svelte'
import { relativeTime } from '../../src-renderer/lib/format'
import { NotificationsStore } from '../../src-renderer/lib/stores/notifications.svelte'
import {
  deferred,
  failure,
  fakeApi,
  job,
  notification,
  ok,
  page,
  SYNCED_AT,
  type Handler
} from './fake-transport'

afterEach(() => {
  vi.useRealTimers()
})

/** Newest first, as the agent lists them: 3 (unread, a burst of 4), 2 (read), 1 (unread). */
const HISTORY: NotificationView[] = [
  notification(3, {
    level: 'warning',
    kind: 'resource',
    title: 'Nodes went not-ready',
    body: 'alpha: 4 nodes',
    count: 4,
    target: { view: 'nodes', cluster: 'alpha' }
  }),
  notification(2, { read: true }),
  notification(1, { level: 'error', title: 'Job 1 failed', body: 'qbo: cluster busy' })
]

const listOf = (items: NotificationView[]) =>
  ok({ items, unread: items.filter((n) => !n.read).length })

const entries = (): HTMLElement[] => screen.getAllByTestId('notification')
const entry = (id: number): HTMLElement => {
  const found = entries().find((el) => el.dataset.id === String(id))
  if (!found) throw new Error(`no notification ${id}`)
  return found
}

async function openHistory(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi({ 'notifications.list': () => listOf(HISTORY), ...handlers })
  render(App, { api: fake.api })
  await fireEvent.click(screen.getByTestId('nav-notifications'))
  await waitFor(() => expect(entries()).toHaveLength(HISTORY.length))
  return fake
}

describe('NotificationsStore', () => {
  it('loads the history, puts new entries on top and counts the unread', async () => {
    const { api, transport } = fakeApi({ 'notifications.list': () => listOf(HISTORY) })
    const store = new NotificationsStore(api)
    const stop = store.start()
    await waitFor(() => expect(store.loaded).toBe(true))
    expect(store.items.map((n) => n.id)).toEqual([3, 2, 1])
    expect(store.unread).toBe(2)
    expect(transport.callsTo('notifications.list')).toEqual([{ limit: 200 }])

    transport.emit({ type: 'notification', notification: notification(4), toast: true })
    expect(store.items.map((n) => n.id)).toEqual([4, 3, 2, 1])
    expect(store.unread).toBe(3)

    // A coalesced burst comes back as the same entry with a higher count: replaced, not doubled.
    transport.emit({
      type: 'notification',
      notification: notification(4, { count: 2, at: SYNCED_AT + 9000 }),
      toast: false
    })
    expect(store.items.map((n) => [n.id, n.count])).toEqual([
      [4, 2],
      [3, 4],
      [2, 1],
      [1, 1]
    ])
    expect(store.unread).toBe(3)
    stop()
  })

  it('keeps an entry that arrived while the list was on its way', async () => {
    const answer = deferred<Result<unknown>>()
    const { api, transport } = fakeApi({ 'notifications.list': () => answer.promise })
    const store = new NotificationsStore(api)
    const stop = store.start()
    transport.emit({ type: 'notification', notification: notification(9), toast: false })
    answer.resolve(listOf(HISTORY))
    await waitFor(() => expect(store.loaded).toBe(true))
    expect(store.items.map((n) => n.id)).toEqual([9, 3, 2, 1])
    expect(store.unread).toBe(3)
    stop()
  })

  it('re-reads the history on a notifications event (read or cleared elsewhere)', async () => {
    let items = HISTORY
    const { api, transport } = fakeApi({ 'notifications.list': () => listOf(items) })
    const store = new NotificationsStore(api)
    const stop = store.start()
    await waitFor(() => expect(store.unread).toBe(2))

    items = []
    transport.emit({ type: 'notifications', unread: 0 })
    expect(store.unread).toBe(0)
    await waitFor(() => expect(store.items).toEqual([]))
    expect(transport.callsTo('notifications.list')).toHaveLength(2)
    stop()
  })

  it('marks entries read at once, and re-reads when the agent refuses', async () => {
    const { api, transport } = fakeApi({
      'notifications.list': () => listOf(HISTORY),
      'notifications.markRead': () => failure('internal', 'disk full')
    })
    const store = new NotificationsStore(api)
    const stop = store.start()
    await waitFor(() => expect(store.unread).toBe(2))

    const marking = store.markRead([1])
    expect(store.items.find((n) => n.id === 1)?.read).toBe(true)
    expect(store.unread).toBe(1)
    await marking
    expect(store.actionError).toBe('disk full')
    await waitFor(() => expect(store.unread).toBe(2))
    expect(transport.callsTo('notifications.markRead')).toEqual([{ ids: [1] }])
    stop()
  })
})

describe('Notifications view', () => {
  it('shows the unread count as a badge in the navigation and follows events', async () => {
    const { api, transport } = fakeApi({ 'notifications.list': () => listOf(HISTORY) })
    render(App, { api })
    const badge = await screen.findByTestId('notifications-unread')
    expect(badge.textContent).toBe('2')
    expect(screen.getByTestId('nav-notifications').textContent).toContain('unread')

    transport.emit({ type: 'notification', notification: notification(5), toast: true })
    await waitFor(() => expect(screen.getByTestId('notifications-unread').textContent).toBe('3'))
    transport.emit({ type: 'notifications', unread: 0 })
    await waitFor(() => expect(screen.queryByTestId('notifications-unread')).toBeNull())
  })

  it('lists entries newest first with level, title, body, count, time and unread state', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(SYNCED_AT + 5 * 60_000)
    await openHistory()

    expect(entries().map((e) => e.dataset.id)).toEqual(['3', '2', '1'])
    const burst = entry(3)
    expect(burst.textContent).toContain('Nodes went not-ready')
    expect(burst.textContent).toContain('alpha: 4 nodes')
    // The burst's title says how many it stands for; nothing beside it counts them again.
    expect(burst.textContent).not.toMatch(/×|times/)
    expect(burst.textContent).toContain('Warning:')
    expect(burst.textContent).toContain('(unread)')
    expect(burst.classList.contains('unread')).toBe(true)
    expect(burst.querySelector('time')?.textContent).toBe(relativeTime(SYNCED_AT + 3000))
    expect(burst.querySelector('time')?.textContent).toBe('5 min ago')

    expect(entry(2).classList.contains('unread')).toBe(false)
    expect(entry(1).textContent).toContain('Error:')
    expect(screen.getByRole('list', { name: 'Notification history' })).toBeTruthy()
  })

  it('reads a coalesced burst plainly: “3 images removed” once, never “×3 (3 times)”', async () => {
    const burst = notification(9, {
      kind: 'resource',
      title: '3 images removed from Hub',
      body: 'web:v1, web:v2, web:v3',
      count: 3,
      target: { view: 'cycle-images' }
    })
    const { api } = fakeApi({ 'notifications.list': () => listOf([burst]) })
    render(App, { api })
    await fireEvent.click(await screen.findByTestId('nav-notifications'))
    const shown = await screen.findByTestId('notification')
    expect(shown.textContent).toContain('3 images removed from Hub')
    expect(shown.textContent).not.toMatch(/×\s*3|3 times/)
  })

  it('puts a new entry on top while the view is open', async () => {
    const { transport } = await openHistory()
    transport.emit({
      type: 'notification',
      notification: notification(7, { title: 'Cluster dev created' }),
      toast: false
    })
    await waitFor(() => expect(entries()).toHaveLength(4))
    expect(entries()[0]?.textContent).toContain('Cluster dev created')
  })

  it('clicking an entry marks it read and shows what it is about', async () => {
    const { transport } = await openHistory({
      'jobs.list': () => ok(page([job('j1', { title: 'Create cluster one', state: 'failed' })]))
    })
    await fireEvent.click(entry(1))
    expect(transport.callsTo('notifications.markRead')).toEqual([{ ids: [1] }])
    expect(screen.getByTestId('view-title').textContent).toBe('Activity')
    await waitFor(() =>
      expect(screen.getByTestId('job-detail').textContent).toContain('Create cluster one')
    )
    expect(screen.getByTestId('notifications-unread').textContent).toBe('1')
  })

  it('clicking a read entry navigates without marking it again', async () => {
    const { transport } = await openHistory()
    await fireEvent.click(entry(2))
    expect(transport.callsTo('notifications.markRead')).toEqual([])
    expect(screen.getByTestId('view-title').textContent).toBe('Activity')
  })

  it('a nodes entry opens Nodes filtered to its cluster', async () => {
    const { transport } = await openHistory()
    await fireEvent.click(entry(3))
    expect(screen.getByTestId('view-title').textContent).toBe('Nodes')
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toEqual({
        offset: 0,
        limit: 100,
        cluster: 'alpha'
      })
    )
    const filter = screen.getByTestId('cluster-filter')
    await waitFor(() =>
      expect(
        within(filter)
          .getByRole('button', { name: /^alpha/ })
          .getAttribute('aria-pressed')
      ).toBe('true')
    )
  })

  it('marks all read', async () => {
    const { transport } = await openHistory()
    await fireEvent.click(screen.getByTestId('mark-all-read'))
    expect(transport.callsTo('notifications.markRead')).toEqual([{}])
    expect(entries().every((e) => !e.classList.contains('unread'))).toBe(true)
    expect(screen.queryByTestId('notifications-unread')).toBeNull()
    expect((screen.getByTestId('mark-all-read') as HTMLButtonElement).disabled).toBe(true)
  })

  it('clears the history after a confirmation and shows the empty state', async () => {
    const { transport } = await openHistory()
    await fireEvent.click(screen.getByTestId('clear-history'))
    const dialog = screen.getByTestId('confirm-dialog')
    expect(dialog.textContent).toContain('Clear the notification history?')
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(transport.callsTo('notifications.clear')).toEqual([])
    expect(entries()).toHaveLength(3)

    await fireEvent.click(screen.getByTestId('clear-history'))
    await fireEvent.click(screen.getByTestId('confirm-clear-history'))
    expect(transport.callsTo('notifications.clear')).toEqual([{}])
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull())
    expect(screen.getByTestId('empty-state').textContent).toContain('No notifications')
    expect(screen.queryByTestId('notifications-unread')).toBeNull()
    expect((screen.getByTestId('clear-history') as HTMLButtonElement).disabled).toBe(true)
  })

  it('keeps the history and says why when clearing fails', async () => {
    await openHistory({ 'notifications.clear': () => failure('internal', 'disk full') })
    await fireEvent.click(screen.getByTestId('clear-history'))
    await fireEvent.click(screen.getByTestId('confirm-clear-history'))
    const dialog = screen.getByTestId('confirm-dialog')
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('disk full'))
    expect(entries()).toHaveLength(3)
  })

  it('says so when there are none', async () => {
    const { api } = fakeApi()
    render(App, { api })
    await fireEvent.click(screen.getByTestId('nav-notifications'))
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No notifications')
    expect((screen.getByTestId('mark-all-read') as HTMLButtonElement).disabled).toBe(true)
  })
})

describe('relativeTime', () => {
  const now = new Date(2025, 0, 15, 12, 0, 0).getTime()
  it.each([
    [now - 10_000, 'just now'],
    [now - 5 * 60_000, '5 min ago'],
    [now - 2 * 3_600_000, '2 h ago'],
    [new Date(2025, 0, 14, 9, 5).getTime(), 'yesterday 09:05'],
    [new Date(2025, 0, 10, 18, 30).getTime(), '2025-01-10 18:30']
  ])('%s reads %s', (at, words) => {
    expect(relativeTime(at, now)).toBe(words)
  })
})
