import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NodeRow, Page, Result } from '@contract'
import { ResourceList } from '../../src-renderer/lib/stores/resource-list.svelte'
import { deferred, fakeApi, flushPromises, node, ok, page } from './fake-transport'

afterEach(() => {
  vi.useRealTimers()
})

describe('ResourceList', () => {
  it('builds queries from its state and resets to the first page on a new search', async () => {
    const { api, transport } = fakeApi()
    const list = new ResourceList(api, 'nodes.list')
    const stop = list.start()
    await vi.waitFor(() => expect(list.page?.items).toHaveLength(3))

    list.offset = 200
    list.setSearch('alpha')
    expect(transport.lastListCall('nodes.list')).toEqual({ offset: 0, limit: 100, search: 'alpha' })
    list.toggleSort('state')
    list.setScope({ accountId: 'acc-1', cluster: 'beta' })
    expect(transport.lastListCall('nodes.list')).toEqual({
      offset: 0,
      limit: 100,
      search: 'alpha',
      sort: { field: 'state', dir: 'asc' },
      accountId: 'acc-1',
      cluster: 'beta'
    })
    stop()
  })

  it('drops an answer that arrives after a newer query was sent', async () => {
    const pending: Array<ReturnType<typeof deferred<Result<Page<NodeRow>>>>> = []
    const { api } = fakeApi({
      'nodes.list': () => {
        const d = deferred<Result<Page<NodeRow>>>()
        pending.push(d)
        return d.promise
      }
    })
    const list = new ResourceList(api, 'nodes.list')
    const stop = list.start()
    list.setSearch('new')

    pending[1]?.resolve(ok(page([node(2)])))
    await vi.waitFor(() => expect(list.page?.items[0]?.name).toBe('node-2.alpha'))
    pending[0]?.resolve(ok(page([node(1)])))
    await flushPromises()
    expect(list.page?.items[0]?.name).toBe('node-2.alpha')
    expect(list.loading).toBe(false)
    stop()
  })

  it('steps back to the last page when rows vanish under the current one', async () => {
    let total = 250
    const { api, transport } = fakeApi({
      'nodes.list': (input) =>
        ok(page(Number(input.offset) < total ? [node(1)] : [], total, Number(input.offset)))
    })
    const list = new ResourceList(api, 'nodes.list')
    const stop = list.start()
    await vi.waitFor(() => expect(list.page).not.toBeNull())
    list.next()
    list.next()
    await vi.waitFor(() => expect(list.page?.offset).toBe(200))

    total = 150
    list.reload()
    await vi.waitFor(() => expect(list.page?.offset).toBe(100))
    expect(transport.lastListCall('nodes.list').offset).toBe(100)
    stop()
  })

  it('stops listening once disposed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { api, transport } = fakeApi()
    const list = new ResourceList(api, 'images.list')
    const stop = list.start()
    stop()
    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'images' })
    await vi.advanceTimersByTimeAsync(500)
    expect(transport.listCalls('images.list')).toHaveLength(1)
  })

  it('re-queries on account events, coalesced with changed events', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { api, transport } = fakeApi()
    const list = new ResourceList(api, 'networks.list')
    const stop = list.start()
    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'networks' })
    transport.emit({
      type: 'account',
      account: {
        id: 'acc-1',
        kind: 'qbo',
        name: 'sandbox',
        endpoint: 'x',
        status: { state: 'online', since: 0 },
        lastSyncAt: 1,
        syncError: null
      }
    })
    await vi.advanceTimersByTimeAsync(150)
    expect(transport.listCalls('networks.list')).toHaveLength(2)
    stop()
  })
})
