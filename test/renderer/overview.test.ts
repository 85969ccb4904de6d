import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import type { Overview, OverviewAccount } from '@contract'
import App from '../../src-renderer/App.svelte'
import { primeCalls } from '../../src-renderer/lib/api/primed'
import { firstQueries } from '../../src-renderer/lib/first-queries'
import { clusterSlices, figuresOf, nodeSlices, sourceSlices } from '../../src-renderer/lib/overview'
import { parseRoute, routeTitle } from '../../src-renderer/lib/route'
import { account, fakeApi, ok } from './fake-transport'

const empty = (accountId: string): OverviewAccount => ({
  accountId,
  clusters: [],
  nodes: { ready: 0, notReady: 0, byState: [] },
  images: [],
  cycleImages: [],
  hubJobs: [],
  jobs: { queued: 0, running: 0 }
})

const OVERVIEW: Overview = {
  since: 0,
  accounts: [
    {
      ...empty('acc-1'),
      clusters: [
        { state: 'running', count: 3 },
        { state: 'stopped', count: 1 }
      ],
      nodes: {
        ready: 5,
        notReady: 2,
        byState: [
          { state: 'ready', count: 5 },
          { state: 'stopped', count: 2 }
        ]
      },
      jobs: { queued: 1, running: 0 }
    },
    {
      ...empty('acc-2'),
      clusters: [{ state: 'running', count: 2 }],
      nodes: { ready: 1, notReady: 0, byState: [{ state: 'Ready', count: 1 }] }
    }
  ]
}

/** An empty address: a fresh tab on Berth's start view. */
const freshTab = (): void => history.replaceState(null, '', '/')

describe('the Overview’s figures', () => {
  it('adds the accounts up, or narrows to one', () => {
    const all = figuresOf(OVERVIEW, null)
    expect(all.clusters).toEqual([
      { state: 'running', count: 5 },
      { state: 'stopped', count: 1 }
    ])
    expect(all.nodes).toMatchObject({ ready: 6, notReady: 2 })
    expect(all.jobs).toEqual({ queued: 1, running: 0 })
    expect(figuresOf(OVERVIEW, 'acc-2').clusters).toEqual([{ state: 'running', count: 2 }])
  })

  it('leads each figure to the list that shows just those rows', () => {
    const all = figuresOf(OVERVIEW, null)
    expect(clusterSlices(all, 'acc-1')[1]!.opens).toEqual({
      view: 'clusters',
      search: 'stopped',
      accountId: 'acc-1'
    })
    // Not ready nodes are searched by their state; "ready" is inside "notready", so ready nodes
    // are counted but lead to no search that would also find not-ready ones.
    const nodes = nodeSlices(all, null)
    expect(nodes.map((n) => [n.label, n.tone, n.opens])).toEqual([
      ['ready', 'good', null],
      ['stopped', 'idle', { view: 'nodes', search: 'stopped' }]
    ])
    const sources = sourceSlices(
      { ...all, cycleImages: [{ sourceId: 's1', sourceName: 'web', count: 4, bytes: 2048 }] },
      (b) => `${b} B`
    )
    expect(sources[0]).toMatchObject({
      label: 'web',
      note: '2048 B',
      opens: { view: 'cycle-images', filters: { sourceId: 's1' } }
    })
  })

  it('has an address and a title of its own', () => {
    expect(parseRoute('#/overview')).toEqual({ view: 'overview' })
    expect(routeTitle({ view: 'overview' })).toBe('Overview — Berth')
  })
})

describe('the Overview as the start view', () => {
  it('opens on an empty address, taking the figures start-up asked for early', async () => {
    const { api, transport } = fakeApi({
      'accounts.list': () => ok([account()]),
      'overview.get': () => ok(OVERVIEW)
    })
    freshTab()
    render(App, { api: primeCalls(api, firstQueries('')) })
    expect(screen.getByTestId('view-title').textContent).toBe('Overview')
    expect(screen.getByTestId('nav-overview').getAttribute('aria-current')).toBe('page')
    await waitFor(() => expect(screen.getByTestId('overview-clusters-total').textContent).toBe('6'))
    expect(screen.getByTestId('overview-nodes-stopped-count').textContent).toBe('2')
    expect(transport.callsTo('overview.get')).toEqual([{}])
    expect(transport.listCalls('nodes.list')).toEqual([])
  })

  it('asks again when rows change', async () => {
    const { api, transport } = fakeApi({ 'overview.get': () => ok(OVERVIEW) })
    freshTab()
    render(App, { api })
    await waitFor(() => expect(transport.callsTo('overview.get')).toHaveLength(1))
    for (const kind of ['nodes', 'clusters', 'cycleImages'] as const) {
      transport.emit({ type: 'changed', accountId: 'acc-1', kind })
    }
    await waitFor(() => expect(transport.callsTo('overview.get')).toHaveLength(2))
  })

  it('opens the Nodes list searched for a not-ready state', async () => {
    const { api, transport } = fakeApi({ 'overview.get': () => ok(OVERVIEW) })
    freshTab()
    render(App, { api })
    await fireEvent.click(await screen.findByTestId('overview-nodes-stopped'))
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Nodes'))
    await waitFor(() =>
      expect(transport.lastListCall('nodes.list')).toMatchObject({ search: 'stopped' })
    )
    expect(location.hash).toBe('#/nodes?q=stopped')
  })
})
