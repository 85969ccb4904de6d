import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import type { NotificationView } from '@contract'
import App from '../../src-renderer/App.svelte'
import { fakeApi, ok } from './fake-transport'
import { notification } from './fixtures'

const title = (): string | null => screen.getByTestId('view-title').textContent

const history1 = (items: NotificationView[]) =>
  ok({ items, unread: items.filter((n) => !n.read).length })

describe('the router', () => {
  it('puts a shell navigate event in history; Back returns to where the user was', async () => {
    const { api, transport } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    expect(location.hash).toBe('#/nodes')
    const entries = history.length

    transport.emit({
      type: 'navigate',
      target: { view: 'cluster', accountId: 'acc-1', cluster: 'cluster-1' }
    })
    await waitFor(() => expect(title()).toBe('cluster-1'))
    expect(location.hash).toBe('#/clusters/acc-1/cluster-1')
    expect(history.length).toBe(entries + 1)
    expect(document.title).toBe('cluster-1 — Clusters — Berth')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('view-title')))

    history.back()
    await waitFor(() => expect(title()).toBe('Nodes'))
    expect(location.hash).toBe('#/nodes')
    expect(document.title).toBe('Nodes — Berth')
  })

  it('puts an in-app notification click in history', async () => {
    const { api } = fakeApi({
      'notifications.list': () =>
        history1([
          notification(1, { target: { view: 'cluster', accountId: 'acc-1', cluster: 'cluster-2' } })
        ])
    })
    render(App, { api })
    await fireEvent.click(screen.getByTestId('nav-notifications'))
    expect(location.hash).toBe('#/notifications')
    await fireEvent.click(await screen.findByTestId('notification'))
    await waitFor(() => expect(title()).toBe('cluster-2'))
    expect(location.hash).toBe('#/clusters/acc-1/cluster-2')
    history.back()
    await waitFor(() => expect(title()).toBe('Notifications'))
  })

  it('opens the place the address names, and keeps the place for one that names none', async () => {
    const { api } = fakeApi()
    history.replaceState(null, '', '#/settings')
    render(App, { api })
    expect(title()).toBe('Settings')
    expect(document.title).toBe('Settings — Berth')

    location.hash = '#/nowhere'
    await waitFor(() => expect(location.hash).toBe('#/settings'))
    expect(title()).toBe('Settings')
  })

  it('follows Back and Forward through a Nodes filter', async () => {
    const { api, transport } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    transport.emit({ type: 'navigate', target: { view: 'nodes', cluster: 'beta' } })
    await waitFor(() => expect(location.hash).toBe('#/nodes?cluster=beta'))
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toMatchObject({ cluster: 'beta' })
    )

    history.back()
    await waitFor(() => expect(location.hash).toBe('#/nodes'))
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toEqual({ offset: 0, limit: 100 })
    )
    history.forward()
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toMatchObject({ cluster: 'beta' })
    )
  })

  it('goes back from a detail with Escape, but not from a field being typed in', async () => {
    const { api } = fakeApi()
    history.replaceState(null, '', '#/clusters/acc-1/cluster-1')
    render(App, { api })
    expect(title()).toBe('cluster-1')

    const field = document.createElement('input')
    document.body.append(field)
    await fireEvent.keyDown(field, { key: 'Escape' })
    expect(title()).toBe('cluster-1')
    field.remove()

    await fireEvent.keyDown(document.body, { key: 'Escape' })
    await waitFor(() => expect(title()).toBe('Clusters'))
    expect(location.hash).toBe('#/clusters')
  })
})
