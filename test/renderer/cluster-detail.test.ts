import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../../src-renderer/App.svelte'
import {
  cluster,
  failure,
  fakeApi,
  flushPromises,
  job,
  network,
  offlineKubeconfig,
  ok,
  page,
  pod,
  SYNCED_AT,
  type Handler
} from './fake-transport'

const { createObjectURL, revokeObjectURL } = URL

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  Object.assign(URL, { createObjectURL, revokeObjectURL })
})

/** Opens the detail of cluster-1 (running) or cluster-2 (stopped) from the Clusters table. */
async function openDetail(index: 0 | 1, handlers: Record<string, Handler> = {}) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  await fireEvent.click(screen.getByTestId('nav-clusters'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
  const name = `cluster-${index + 1}`
  await fireEvent.click(within(screen.getAllByTestId('row')[index]!).getByRole('button', { name }))
  await screen.findByTestId('cluster-state')
  return fake
}

const button = (testid: string): HTMLButtonElement =>
  screen.getByTestId(testid) as HTMLButtonElement

describe('Cluster detail', () => {
  it('shows the header and enables only the actions the state allows', async () => {
    await openDetail(0)
    const detail = screen.getByTestId('cluster-detail')
    expect(screen.getByTestId('view-title').textContent).toBe('cluster-1')
    expect(screen.getByTestId('cluster-state').textContent).toBe('running')
    expect(detail.textContent).toContain('https://172.18.1.2:6443')
    expect(detail.textContent).toContain('172.18.1.2')
    expect(screen.getByTestId('freshness').textContent?.trim()).toMatch(/^synced .*09:30$/)
    expect(button('cluster-start').disabled).toBe(true)
    expect(button('cluster-stop').disabled).toBe(false)
    expect(button('cluster-delete').disabled).toBe(false)

    await fireEvent.click(screen.getByTestId('back-to-clusters'))
    expect(screen.getByTestId('view-title').textContent).toBe('Clusters')
  })

  it('starts a stopped cluster, shows its job in place and leads to it in Activity', async () => {
    const started = job('j-start', {
      action: 'start',
      target: 'cluster-2',
      title: 'Start',
      subject: { view: 'cluster', accountId: 'acc-1', cluster: 'cluster-2' }
    })
    const { transport } = await openDetail(1, { 'clusters.act': () => ok(started) })
    expect(button('cluster-stop').disabled).toBe(true)
    await fireEvent.click(button('cluster-start'))

    expect(transport.callsTo('clusters.act')).toEqual([
      { accountId: 'acc-1', cluster: 'cluster-2', action: 'start' }
    ])
    // The user stays where they acted; the header says what is under way.
    const inPlace = await screen.findByTestId('job-in-place')
    expect(screen.getByTestId('cluster-detail')).toBeTruthy()
    expect(inPlace.textContent).toContain('Start queued')
    await fireEvent.click(within(inPlace).getByTestId('job-in-place-link'))
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Activity'))
    await waitFor(() => expect(screen.getByTestId('job').dataset.jobId).toBe('j-start'))
    expect(screen.getByTestId('job').getAttribute('aria-current')).toBe('true')

    // The navigation always lands on the list.
    await fireEvent.click(screen.getByTestId('nav-clusters'))
    expect(screen.queryByTestId('cluster-detail')).toBeNull()
    expect(screen.getByTestId('view-title').textContent).toBe('Clusters')
  })

  it('stops a running cluster', async () => {
    const { transport } = await openDetail(0, {
      'clusters.act': () => ok(job('j-stop', { action: 'stop' }))
    })
    await fireEvent.click(button('cluster-stop'))
    expect(transport.callsTo('clusters.act')).toEqual([
      { accountId: 'acc-1', cluster: 'cluster-1', action: 'stop' }
    ])
    await screen.findByTestId('toast')
    expect(screen.getByTestId('cluster-detail')).toBeTruthy()
  })

  it('deletes only after a confirmation that names the cluster, then leaves the detail', async () => {
    const { transport } = await openDetail(0, {
      'clusters.act': () => ok(job('j-del', { action: 'delete', target: 'cluster-1' }))
    })
    await fireEvent.click(button('cluster-delete'))
    let dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain('cluster-1')
    expect(transport.callsTo('clusters.act')).toEqual([])

    // Cancel leaves everything as it was.
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(transport.callsTo('clusters.act')).toEqual([])

    await fireEvent.click(button('cluster-delete'))
    dialog = await screen.findByRole('dialog')
    await fireEvent.click(within(dialog).getByTestId('confirm-delete'))
    expect(transport.callsTo('clusters.act')).toEqual([
      { accountId: 'acc-1', cluster: 'cluster-1', action: 'delete' }
    ])
    // The cluster is going: its page closes onto the list, where its row shows the job.
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Clusters'))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByTestId('cluster-detail')).toBeNull()
  })

  it('shows a refused action inline and stays', async () => {
    await openDetail(0, {
      'clusters.act': () => failure('unavailable', 'The agent is shutting down')
    })
    await fireEvent.click(button('cluster-stop'))
    const error = await screen.findByTestId('cluster-action-error')
    expect(error.textContent).toContain('The agent is shutting down')
    expect(screen.getByTestId('cluster-detail')).toBeTruthy()
  })

  it.each([
    ['tab-nodes', 'nodes.list'],
    ['tab-pods', 'pods.list'],
    ['tab-services', 'services.list'],
    ['tab-load-balancers', 'loadBalancers.list']
  ] as const)('%s lists that cluster’s rows with %s', async (tab, method) => {
    const { transport } = await openDetail(0)
    await fireEvent.click(screen.getByTestId(tab))
    expect(screen.getByTestId(tab).getAttribute('aria-selected')).toBe('true')
    await waitFor(() => expect(transport.listCalls(method).length).toBeGreaterThan(0))
    expect(transport.lastListCall(method)).toEqual({
      offset: 0,
      limit: 100,
      accountId: 'acc-1',
      cluster: 'cluster-1'
    })
    await waitFor(() => expect(screen.getAllByTestId('row').length).toBeGreaterThan(0))
  })

  it('shows when pods started as a relative time, the exact local time on hover', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: SYNCED_AT })
    const today = new Date(2025, 0, 15, 9, 0, 7).toISOString()
    const earlier = new Date(2025, 0, 14, 23, 59, 1).toISOString()
    await openDetail(0, {
      'pods.list': () => ok(page([pod(1, { started: today }), pod(2, { started: earlier })]))
    })
    await fireEvent.click(screen.getByTestId('tab-pods'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
    const started = screen.getAllByTestId('row').map((row) => row.querySelectorAll('td')[6]!)
    expect(started.map((cell) => cell.textContent?.trim())).toEqual([
      '30 min ago',
      'yesterday 23:59'
    ])
    expect(started.map((cell) => cell.querySelector('time')?.title)).toEqual([
      '2025-01-15 09:00:07',
      '2025-01-14 23:59:01'
    ])
  })

  it('shows the network tab from clusters.get', async () => {
    await openDetail(0, {
      'clusters.get': () =>
        ok({ cluster: cluster(1), network: network(1, { subnet: '172.18.1.0/24' }) })
    })
    await fireEvent.click(screen.getByTestId('tab-network'))
    expect(screen.getByTestId('cluster-network').textContent).toContain('172.18.1.0/24')
  })

  it('follows changed events and says plainly when the cluster is gone', async () => {
    let current: ReturnType<Handler> = ok({ cluster: cluster(1), network: null })
    const { transport } = await openDetail(0, { 'clusters.get': () => current })

    current = ok({ cluster: cluster(1, { state: 'stopping' }), network: null })
    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'clusters' })
    await waitFor(() => expect(screen.getByTestId('cluster-state').textContent).toBe('stopping'))
    expect(button('cluster-stop').disabled).toBe(true)

    current = failure('not-found', 'No cluster cluster-1')
    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'clusters' })
    const gone = await screen.findByTestId('cluster-gone')
    expect(gone.textContent).toContain('cluster-1 was deleted')
    expect(screen.queryByTestId('cluster-stop')).toBeNull()
  })
})

describe('Save kubeconfig', () => {
  it('downloads NAME.kubeconfig through a Blob URL', async () => {
    const create = vi.fn((_blob: Blob) => 'blob:berth/1')
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() })
    const clicked: HTMLAnchorElement[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicked.push(this)
    })

    const { transport } = await openDetail(0, {
      'clusters.kubeconfig': () => ok({ kubeconfig: 'apiVersion: v1\nkind: Config\n' })
    })
    await fireEvent.click(button('save-kubeconfig'))
    await waitFor(() => expect(clicked).toHaveLength(1))
    expect(transport.callsTo('clusters.kubeconfig')).toEqual([
      { accountId: 'acc-1', cluster: 'cluster-1' }
    ])
    expect(clicked[0]?.download).toBe('cluster-1.kubeconfig')
    expect(clicked[0]?.href).toBe('blob:berth/1')
    expect(clicked[0]?.isConnected).toBe(false)
    const blob = create.mock.calls[0]?.[0]
    expect(await blob?.text()).toBe('apiVersion: v1\nkind: Config\n')
  })

  it('says why when the account is offline', async () => {
    const create = vi.fn(() => 'blob:x')
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() })
    await openDetail(0, offlineKubeconfig())
    await waitFor(() => expect(screen.getByTestId('account').dataset.state).toBe('offline'))
    await fireEvent.click(button('save-kubeconfig'))
    const error = await screen.findByTestId('cluster-action-error')
    expect(error.textContent).toContain('while sandbox is offline')
    await flushPromises()
    expect(create).not.toHaveBeenCalled()
  })
})
