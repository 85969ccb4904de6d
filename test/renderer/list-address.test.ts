import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { account, cycleAccount, fakeApi, ok } from './fake-transport'

const title = (): string | null => screen.getByTestId('view-title').textContent
const search = (): HTMLInputElement => screen.getByTestId('search')

/** The app as a tab opened on `hash` (a reload, or a pasted link). */
function openAt(hash: string, handlers: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi(handlers)
  history.replaceState(null, '', `/${hash}`)
  render(App, { api: fake.api })
  return fake
}

describe('a list’s search, filters and sort live in its address', () => {
  it('writes them into the address in place: no history entry per change', async () => {
    const { transport } = openAt('#/nodes')
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    const entries = history.length

    search().focus()
    await fireEvent.input(search(), { target: { value: 'node-1' } })
    await waitFor(() => expect(location.hash).toBe('#/nodes?q=node-1'))
    await fireEvent.click(screen.getByRole('button', { name: /^Name/ }))
    await waitFor(() => expect(location.hash).toBe('#/nodes?q=node-1&sort=name'))
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toMatchObject({
        search: 'node-1',
        sort: { field: 'name', dir: 'asc' }
      })
    )
    expect(history.length).toBe(entries)
    expect(document.title).toBe('Nodes — Berth')
  })

  it('opens an address with filters as it says, and drops the parts it cannot take', async () => {
    const { transport } = openAt(
      `#/cycle-images?state=live&bogus=1&source=${'s'.repeat(300)}&q=web&sort=-size`,
      { 'accounts.list': () => ok([account(), cycleAccount()]) }
    )
    await waitFor(() => expect(title()).toBe('Cycle images'))
    await waitFor(() =>
      expect(transport.lastListCall('cycleImages.list')).toEqual({
        offset: 0,
        limit: 100,
        search: 'web',
        state: 'live',
        sort: { field: 'size', dir: 'desc' }
      })
    )
    expect(location.hash).toBe('#/cycle-images?state=live&q=web&sort=-size')
    expect(search().value).toBe('web')
    expect((screen.getByTestId('filter-image-state') as HTMLSelectElement).value).toBe('live')
  })

  it('goes Back from a pasted filtered address to the list as it was', async () => {
    const { transport } = openAt('#/nodes')
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    location.hash = '#/nodes?cluster=beta&q=web&sort=-name'
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toMatchObject({
        cluster: 'beta',
        search: 'web',
        sort: { field: 'name', dir: 'desc' }
      })
    )
    expect(search().value).toBe('web')

    history.back()
    await waitFor(() => expect(location.hash).toBe('#/nodes'))
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toEqual({ offset: 0, limit: 100 })
    )
    expect(search().value).toBe('')
    history.forward()
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toMatchObject({ cluster: 'beta', search: 'web' })
    )
  })

  it('brings a detail back to its list with the search it had', async () => {
    const { transport } = openAt('#/clusters?q=cluster')
    await waitFor(() => expect(screen.getAllByTestId('row').length).toBeGreaterThan(0))
    await fireEvent.click(within(screen.getAllByTestId('row')[0]!).getByText('cluster-1'))
    await waitFor(() => expect(title()).toBe('cluster-1'))
    expect(location.hash).toBe('#/clusters/acc-1/cluster-1')

    await fireEvent.keyDown(document.body, { key: 'Escape' })
    await waitFor(() => expect(title()).toBe('Clusters'))
    // Closing a detail opened from its list is Back: the entry it came from, filters and all.
    await waitFor(() => expect(location.hash).toBe('#/clusters?q=cluster'))
    expect(search().value).toBe('cluster')
    await waitFor(() =>
      expect(transport.lastListCall('clusters.list')).toMatchObject({ search: 'cluster' })
    )
  })

  it('lands on the whole list from the navigation, filters dropped', async () => {
    const { transport } = openAt('#/clusters?q=cluster&sort=-state')
    await waitFor(() =>
      expect(transport.lastListCall('clusters.list')).toMatchObject({
        search: 'cluster',
        sort: { field: 'state', dir: 'desc' }
      })
    )
    await fireEvent.click(screen.getByTestId('nav-clusters'))
    await waitFor(() => expect(location.hash).toBe('#/clusters'))
    await waitFor(() =>
      expect(transport.lastListCall('clusters.list')).toEqual({ offset: 0, limit: 100 })
    )
  })
})
