import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../../src-renderer/App.svelte'
import {
  account,
  fakeApi,
  flushPromises,
  image,
  network,
  node,
  ok,
  page,
  SYNCED_AT
} from './fake-transport'

afterEach(() => {
  vi.useRealTimers()
})

describe('App', () => {
  it('opens on Nodes and lists the rows the agent returns', async () => {
    const { api, transport } = fakeApi()
    render(App, { api })

    expect(screen.getByTestId('view-title').textContent).toBe('Nodes')
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    expect(screen.getByText('node-1.alpha')).toBeTruthy()
    expect(screen.getByTestId('freshness').textContent?.trim()).toMatch(/^synced .*09:30$/)
    // One scroll over the whole result, no pages: the table tells its size to screen readers.
    expect(screen.queryByTestId('pager')).toBeNull()
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('4')
    expect(screen.getByTestId('nav-nodes').getAttribute('aria-current')).toBe('page')
    expect(transport.lastListCall('nodes.list')).toEqual({ offset: 0, limit: 100 })
  })

  it('switches to Images and Networks from the navigation', async () => {
    const { api } = fakeApi()
    render(App, { api })

    await fireEvent.click(screen.getByTestId('nav-images'))
    expect(screen.getByTestId('view-title').textContent).toBe('Images')
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
    expect(screen.getByText('img1')).toBeTruthy()

    await fireEvent.click(screen.getByTestId('nav-networks'))
    expect(screen.getByTestId('view-title').textContent).toBe('Networks')
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(1))
    expect(screen.getByText('10.1.0.0/16')).toBeTruthy()
    expect(screen.getByTestId('nav-networks').getAttribute('aria-current')).toBe('page')
  })

  it('shows row counts in the navigation from one-row count queries', async () => {
    const { api, transport } = fakeApi({
      'images.list': () => ok(page([image(1)], 42)),
      'networks.list': () => ok(page([network(1)], 7))
    })
    render(App, { api })

    await waitFor(() => expect(screen.getByTestId('nav-images').textContent).toContain('42'))
    expect(screen.getByTestId('nav-networks').textContent).toContain('7')
    expect(screen.getByTestId('nav-nodes').textContent).toContain('3')
    expect(transport.callsTo('images.list')).toEqual([{ offset: 0, limit: 1 }])
  })

  it('shows the agent link banner while the link is down and re-queries when it returns', async () => {
    const { api, transport } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    expect(screen.queryByTestId('agent-link-banner')).toBeNull()

    transport.setLink(false)
    const banner = await screen.findByTestId('agent-link-banner')
    expect(banner.textContent).toContain("Lost the connection to Berth's agent — reconnecting…")
    // The rows already on screen stay there.
    expect(screen.getAllByTestId('row')).toHaveLength(3)

    const before = transport.listCalls('nodes.list').length
    transport.setLink(true)
    await waitFor(() => expect(screen.queryByTestId('agent-link-banner')).toBeNull())
    await waitFor(() => expect(transport.listCalls('nodes.list').length).toBe(before + 1))
  })

  it('sends each start-up query once when the link comes up after the first load', async () => {
    const { api, transport } = fakeApi()
    // As over the WebSocket: the views load while the socket connects, then it opens.
    transport.setLink(false)
    render(App, { api })
    await flushPromises()
    transport.setLink(true)
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    await flushPromises()

    const sent = transport.calls.map((c) => `${c.method} ${JSON.stringify(c.input)}`)
    expect(sent.length).toBeGreaterThan(5)
    expect(sent.filter((call, i) => sent.indexOf(call) !== i)).toEqual([])
  })

  it('answers a qbo refresh’s 14 events with one re-query per view and count', async () => {
    const { api, transport } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    await waitFor(() => expect(screen.getByTestId('cluster-filter').textContent).toContain('beta'))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const before = transport.calls.length

    // A refresh writes one kind after another, each announced as a change and as the account's
    // new freshness; at scale each write takes a while.
    const kinds = ['clusters', 'nodes', 'images', 'networks', 'pods', 'services'] as const
    for (const kind of [...kinds, 'loadBalancers' as const]) {
      transport.emit({ type: 'changed', accountId: 'acc-1', kind })
      transport.emit({ type: 'account', account: account() })
      await vi.advanceTimersByTimeAsync(200)
    }
    await vi.advanceTimersByTimeAsync(500)

    const after = transport.calls.slice(before).map((c) => `${c.method} ${c.input.limit ?? ''}`)
    expect(after.sort()).toEqual(
      [
        'clusters.list 1',
        'images.list 1',
        'networks.list 1',
        'nodes.clusters ',
        'nodes.list 1',
        'nodes.list 100'
      ].sort()
    )
  })

  it('moves the freshness line with the account’s sync, without re-querying the rows', async () => {
    const { api, transport } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
    const before = transport.listCalls('nodes.list').length

    // A refresh that changed nothing: only the account's freshness moves.
    transport.emit({ type: 'account', account: account({ lastSyncAt: SYNCED_AT + 60_000 }) })
    await waitFor(() =>
      expect(screen.getByTestId('freshness').textContent?.trim()).toMatch(/^synced .*09:31$/)
    )
    await flushPromises()
    expect(transport.listCalls('nodes.list').length).toBe(before)
  })

  it('does not call a slow first connection an outage until a grace period passes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { api, transport } = fakeApi()
    transport.setLink(false)
    render(App, { api })

    await vi.advanceTimersByTimeAsync(1500)
    expect(screen.queryByTestId('agent-link-banner')).toBeNull()
    await vi.advanceTimersByTimeAsync(600)
    expect(screen.getByTestId('agent-link-banner')).toBeTruthy()
    expect(screen.getByText('Last known status; the agent is unreachable.')).toBeTruthy()
  })

  it('shows the offline banner when an account is offline', async () => {
    const { api, transport } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
    expect(screen.queryByTestId('offline-banner')).toBeNull()

    transport.emit({
      type: 'account',
      account: account({
        status: { state: 'offline', since: SYNCED_AT, reason: 'ECONNREFUSED', retryAt: null }
      })
    })
    const banner = await screen.findByTestId('offline-banner')
    expect(banner.textContent).toContain('sandbox')
    expect(banner.textContent).toContain('is offline since 09:30 — showing data as of 09:30')
  })

  it('adds an account column only when there is more than one account', async () => {
    const two = [account(), account({ id: 'acc-2', name: 'lab' })]
    const { api } = fakeApi({
      'accounts.list': () => ok(two),
      'nodes.list': () => ok(page([node(1), node(2, { accountId: 'acc-2' })]))
    })
    render(App, { api })

    const table = await screen.findByRole('table')
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: 'Account' })))
    const rows = screen.getAllByTestId('row')
    expect(rows[1]?.textContent).toContain('lab')
  })

  it('has no account column with a single account', async () => {
    const { api } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
    expect(screen.queryByRole('columnheader', { name: 'Account' })).toBeNull()
  })
})
