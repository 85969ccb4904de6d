import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { nodeFields } from '../../src-renderer/lib/node-fields'
import { account, failure, fakeApi, node, ok, type Handler } from './fake-transport'

const RAW = {
  kernel: '6.8.0',
  name: 'node-2.alpha',
  labels: { zone: 'a' },
  os: 'linux',
  id: 'n2',
  state: 'ready',
  cluster: 'alpha',
  cluster_id: 'c-alpha',
  address: '172.18.0.2',
  image: 'kindest/node:v1.31.0',
  user: 'admin@example.com',
  zz_added_by_a_newer_server: 'yes'
}

const nodesGet: Handler = (input) =>
  input.name === 'node-2.alpha'
    ? ok({ node: node(2), raw: RAW })
    : failure('not-found', `No node ${String(input.name)} in the cache`)

describe('node fields', () => {
  it('lists every field: the documented ones in order, then the rest by name', () => {
    const fields = nodeFields(RAW)
    expect(fields.map((f) => f.key)).toEqual([
      'name',
      'id',
      'state',
      'cluster',
      'cluster_id',
      'address',
      'image',
      'os',
      'kernel',
      'user',
      'labels',
      'zz_added_by_a_newer_server'
    ])
    expect(fields.find((f) => f.key === 'labels')?.text).toBe('{"zone":"a"}')
    expect(fields.find((f) => f.key === 'cluster_id')?.label).toBe('Cluster ID')
  })

  it('offers copying for values worth pasting, not for the state or an empty field', () => {
    const fields = nodeFields({ name: 'n', id: '', state: 'ready', address: '10.0.0.1' })
    expect(Object.fromEntries(fields.map((f) => [f.key, f.copyable]))).toEqual({
      name: true,
      id: false,
      state: false,
      address: true
    })
  })
})

describe('the node detail beside the Nodes list', () => {
  it('opens from a row with every field the server sent, keeps the list, and closes on Escape', async () => {
    const fake = fakeApi({ 'nodes.get': nodesGet })
    render(App, { api: fake.api })
    await waitFor(() => expect(screen.getAllByTestId('row').length).toBe(3))
    const table = screen.getByRole('table')

    await fireEvent.click(screen.getAllByTestId('row')[1]!)
    const panel = await screen.findByTestId('node-detail')
    await waitFor(() => expect(within(panel).getAllByTestId('node-field')).toHaveLength(12))
    expect(fake.transport.callsTo('nodes.get')).toEqual([
      { accountId: 'acc-1', name: 'node-2.alpha' }
    ])
    expect(within(panel).getByTestId('node-field-cluster_id').textContent).toBe('c-alpha')
    expect(within(panel).getByTestId('node-field-user').textContent).toBe('admin@example.com')
    expect(within(panel).getByTestId('node-field-zz_added_by_a_newer_server').textContent).toBe(
      'yes'
    )
    // The list was not replaced: the same table, the same rows.
    expect(screen.getByRole('table')).toBe(table)
    expect(screen.getAllByTestId('row')).toHaveLength(3)

    await fireEvent.keyDown(within(panel).getByTestId('node-detail-close'), { key: 'Escape' })
    await waitFor(() => expect(screen.queryByTestId('node-detail')).toBeNull())
  })

  it('says so when the node is gone', async () => {
    const fake = fakeApi({ 'nodes.get': nodesGet })
    render(App, { api: fake.api })
    await waitFor(() => expect(screen.getAllByTestId('row').length).toBe(3))
    await fireEvent.click(screen.getAllByTestId('row')[0]!)
    expect(await screen.findByTestId('node-gone')).toBeTruthy()
  })
})

describe('the server in the account entry', () => {
  const server = {
    user: 'alice@example.com',
    host: 'qbo.example.com',
    agent: 'qbo-thread/4.2.1',
    timestamp: Date.UTC(2025, 0, 15, 9, 30, 5),
    receivedAt: Date.UTC(2025, 0, 15, 9, 30, 6)
  }

  it('shows the version, and the user, host and time when unfolded', async () => {
    const fake = fakeApi({ 'accounts.list': () => ok([account({ server })]) })
    render(App, { api: fake.api })
    const agent = await screen.findByTestId('account-server-agent')
    expect(agent.textContent).toBe('qbo-thread/4.2.1')
    expect(screen.getByTestId('account-server-user').textContent).toBe('alice@example.com')
    expect(screen.getByTestId('account-server-host').textContent).toBe('qbo.example.com')
  })

  it('shows nothing of a server that has not answered (or a Cycle hub)', async () => {
    const fake = fakeApi({ 'accounts.list': () => ok([account({ server: null })]) })
    render(App, { api: fake.api })
    await screen.findByTestId('account')
    expect(screen.queryByTestId('account-server')).toBeNull()
  })
})
