import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import {
  account,
  cluster,
  fakeApi,
  flushPromises,
  image,
  job,
  ok,
  page,
  type Handler
} from './fake-transport'

const rowNames = (): string[] =>
  screen
    .getAllByTestId('row')
    .map((r) => r.querySelector('td:not(.select)')?.textContent?.trim() ?? '')

async function openClusters(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  await fireEvent.click(screen.getByTestId('nav-clusters'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
  return fake
}

const IMAGES = [
  image(1, { name: 'hub.docker.com/kindest/node:v1.25.3', tag: 'v1.25.3' }),
  image(2, { name: 'hub.docker.com/kindest/node:v1.27.2', tag: 'v1.27.2' }),
  image(3, { name: 'hub.docker.com/kindest/node:v1.29.0', tag: 'v1.29.0' })
]

describe('Clusters view', () => {
  it('lists clusters with state, control plane, ready/total nodes and address', async () => {
    const { transport } = await openClusters()
    expect(screen.getByTestId('view-title').textContent).toBe('Clusters')
    expect(transport.lastListCall('clusters.list')).toEqual({ offset: 0, limit: 100 })

    const [first, second] = screen.getAllByTestId('row')
    expect(first?.textContent).toContain('cluster-1')
    expect(first?.textContent).toContain('https://172.18.1.2:6443')
    expect(first?.textContent).toContain('3/3')
    expect(first?.querySelector('span.badge')?.classList.contains('good')).toBe(true)
    expect(second?.textContent).toContain('0/3')
    expect(second?.querySelector('span.badge')?.textContent).toBe('stopped')
    expect(second?.querySelector('span.badge')?.classList.contains('idle')).toBe(true)
    await waitFor(() => expect(screen.getByTestId('nav-clusters').textContent).toContain('2'))
  })

  it('sorts in the agent and shows the answer in its order', async () => {
    const { transport } = await openClusters({
      'clusters.list': (input) => {
        const rows = [cluster(1), cluster(2)]
        const sort = input.sort as { dir: string } | undefined
        return ok(page(sort?.dir === 'desc' ? rows.reverse() : rows))
      }
    })
    const table = screen.getByRole('table')
    await fireEvent.click(within(table).getByRole('button', { name: 'Name' }))
    expect(transport.lastListCall('clusters.list').sort).toEqual({ field: 'name', dir: 'asc' })
    await fireEvent.click(within(table).getByRole('button', { name: 'Name' }))
    expect(transport.lastListCall('clusters.list').sort).toEqual({ field: 'name', dir: 'desc' })
    await waitFor(() => expect(rowNames()).toEqual(['cluster-2', 'cluster-1']))

    await fireEvent.click(within(table).getByRole('button', { name: 'Nodes' }))
    expect(transport.lastListCall('clusters.list').sort).toEqual({
      field: 'nodeCount',
      dir: 'asc'
    })
  })

  it('re-queries on a clusters change and opens the detail from a row', async () => {
    let rows = [cluster(1), cluster(2)]
    const { transport } = await openClusters({ 'clusters.list': () => ok(page(rows)) })
    rows = [cluster(1, { state: 'stopping' }), cluster(2)]
    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'clusters' })
    await waitFor(() =>
      expect(screen.getAllByTestId('row')[0]?.querySelector('span.badge')?.textContent).toBe(
        'stopping'
      )
    )
    expect(screen.getAllByTestId('row')[0]?.querySelector('span.badge')?.classList).toContain(
      'busy'
    )

    await fireEvent.click(screen.getAllByTestId('row')[1]!)
    const detail = await screen.findByTestId('cluster-detail')
    expect(within(detail).getByTestId('view-title').textContent).toBe('cluster-2')
    expect(transport.callsTo('clusters.get')).toEqual([
      { accountId: 'acc-1', cluster: 'cluster-2' }
    ])
  })

  it('opens the detail of the row the keyboard is on with Enter', async () => {
    const { transport } = await openClusters()
    const [first] = screen.getAllByTestId('row')
    first!.focus()
    await fireEvent.keyDown(first!, { key: 'ArrowDown' })
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset.index).toBe('1'))
    await fireEvent.keyDown(document.activeElement!, { key: 'Enter' })
    const detail = await screen.findByTestId('cluster-detail')
    expect(within(detail).getByTestId('view-title').textContent).toBe('cluster-2')
    expect(transport.callsTo('clusters.get')).toEqual([
      { accountId: 'acc-1', cluster: 'cluster-2' }
    ])
  })
})

describe('New-cluster dialog', () => {
  it('explains a bad name inline without calling the agent', async () => {
    const { transport } = await openClusters({ 'images.list': () => ok(page(IMAGES)) })
    await fireEvent.click(screen.getByTestId('new-cluster'))
    const dialog = await screen.findByRole('dialog')
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    const name = within(dialog).getByTestId('cluster-name')
    expect(document.activeElement).toBe(name)

    for (const bad of ['my cluster', '-dev', '']) {
      await fireEvent.input(name, { target: { value: bad } })
      await fireEvent.click(within(dialog).getByTestId('create-cluster-submit'))
      const error = await within(dialog).findByTestId('cluster-name-error')
      expect(error.textContent).toContain('starting with a letter or digit')
      expect(name.getAttribute('aria-invalid')).toBe('true')
    }
    await flushPromises()
    expect(transport.callsTo('clusters.add')).toEqual([])
  })

  it('defaults to v1.27.2, sends name, image and nodes, then shows the job', async () => {
    const created = job('j-9', { title: 'Create cluster dev', state: 'queued' })
    const { transport } = await openClusters({
      'images.list': () => ok(page(IMAGES)),
      'clusters.add': () => ok(created),
      'jobs.log': () => ok([])
    })
    await fireEvent.click(screen.getByTestId('new-cluster'))
    const dialog = await screen.findByRole('dialog')
    const select = within(dialog).getByTestId('cluster-image') as HTMLSelectElement
    await waitFor(() => expect(select.value).toBe('hub.docker.com/kindest/node:v1.27.2'))
    expect(transport.callsTo('images.list')).toContainEqual(
      expect.objectContaining({ accountId: 'acc-1' })
    )
    // One account: no account picker.
    expect(within(dialog).queryByTestId('cluster-account')).toBeNull()

    await fireEvent.input(within(dialog).getByTestId('cluster-name'), {
      target: { value: 'dev' }
    })
    await fireEvent.change(select, { target: { value: 'hub.docker.com/kindest/node:v1.29.0' } })
    await fireEvent.input(within(dialog).getByTestId('cluster-nodes'), { target: { value: '3' } })
    await fireEvent.click(within(dialog).getByTestId('create-cluster-submit'))

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(transport.callsTo('clusters.add')).toEqual([
      {
        accountId: 'acc-1',
        name: 'dev',
        image: 'hub.docker.com/kindest/node:v1.29.0',
        nodes: 3
      }
    ])
    // Accepted: the user stays on Clusters; a toast leads to the job in Activity.
    expect(screen.getByTestId('view-title').textContent).toBe('Clusters')
    const toast = await screen.findByTestId('toast')
    expect(toast.textContent).toContain('Queued: Create cluster dev')
    await fireEvent.click(within(toast).getByTestId('toast-open'))
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Activity'))
    const entry = screen.getByTestId('job')
    expect(entry.dataset.jobId).toBe('j-9')
    expect(entry.getAttribute('aria-current')).toBe('true')
    expect(screen.getByTestId('jobs-active').textContent).toBe('1')
  })

  it('rejects a node count outside 1–50 and shows the agent’s refusal inline', async () => {
    const { transport } = await openClusters({
      'clusters.add': () => ({
        ok: false,
        error: { code: 'invalid-request', message: 'A cluster named dev exists', retryable: false }
      })
    })
    await fireEvent.click(screen.getByTestId('new-cluster'))
    const dialog = await screen.findByRole('dialog')
    await fireEvent.input(within(dialog).getByTestId('cluster-name'), { target: { value: 'dev' } })
    await fireEvent.input(within(dialog).getByTestId('cluster-nodes'), { target: { value: '51' } })
    await fireEvent.click(within(dialog).getByTestId('create-cluster-submit'))
    expect((await within(dialog).findByTestId('cluster-nodes-error')).textContent).toContain(
      'from 1 to 50'
    )
    expect(transport.callsTo('clusters.add')).toEqual([])

    await fireEvent.input(within(dialog).getByTestId('cluster-nodes'), { target: { value: '2' } })
    await fireEvent.click(within(dialog).getByTestId('create-cluster-submit'))
    const error = await within(dialog).findByTestId('create-cluster-error')
    expect(error.textContent).toContain('A cluster named dev exists')
    expect(screen.getByRole('dialog')).toBeTruthy()
  })

  it('closes on Escape and offers an account picker with several accounts', async () => {
    await openClusters({
      'accounts.list': () => ok([account(), account({ id: 'acc-2', name: 'lab' })])
    })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(2))
    await fireEvent.click(screen.getByTestId('new-cluster'))
    const dialog = await screen.findByRole('dialog')
    const picker = within(dialog).getByTestId('cluster-account') as HTMLSelectElement
    expect([...picker.options].map((o) => o.textContent)).toEqual(['sandbox', 'lab'])

    await fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('starts on an online qbo account and offers no Cycle hub', async () => {
    await openClusters({
      'accounts.list': () =>
        ok([
          account({ status: { state: 'offline', since: 0, reason: 'down', retryAt: null } }),
          account({ id: 'hub-1', kind: 'cycle', name: 'hub' }),
          account({ id: 'acc-2', name: 'lab' })
        ])
    })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(3))
    await fireEvent.click(screen.getByTestId('new-cluster'))
    const dialog = await screen.findByRole('dialog')
    const picker = within(dialog).getByTestId('cluster-account') as HTMLSelectElement
    expect([...picker.options].map((o) => o.textContent)).toEqual(['sandbox', 'lab'])
    expect(picker.value).toBe('acc-2')
  })

  it('opens from an image row with that image and account preselected', async () => {
    const lab = image(7, {
      accountId: 'acc-2',
      name: 'hub.docker.com/kindest/node:v1.29.0',
      tag: 'v1.29.0'
    })
    const { api, transport } = fakeApi({
      'accounts.list': () => ok([account(), account({ id: 'acc-2', name: 'lab' })]),
      'images.list': () => ok(page([...IMAGES, lab]))
    })
    render(App, { api })
    await fireEvent.click(screen.getByTestId('nav-images'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(4))

    const buttons = screen.getAllByTestId('create-cluster-from-image')
    await fireEvent.click(buttons[3]!)
    const dialog = await screen.findByRole('dialog')
    const select = within(dialog).getByTestId('cluster-image') as HTMLSelectElement
    await waitFor(() =>
      expect(transport.callsTo('images.list')).toContainEqual(
        expect.objectContaining({ accountId: 'acc-2' })
      )
    )
    await flushPromises()
    expect(select.value).toBe('hub.docker.com/kindest/node:v1.29.0')
    expect((within(dialog).getByTestId('cluster-account') as HTMLSelectElement).value).toBe('acc-2')
  })
})
