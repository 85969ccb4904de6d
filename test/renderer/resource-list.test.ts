import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AgentEvent, NodeRow, Page, ResourceKind, Result } from '@contract'
import { ResourceList } from '../../src-renderer/lib/stores/resource-list.svelte'
import {
  account,
  deferred,
  fakeApi,
  flushPromises,
  node,
  ok,
  page,
  type Handler
} from './fake-transport'

afterEach(() => {
  vi.useRealTimers()
})

/** A result of `total` nodes, answered block by block as the agent does. */
const manyNodes =
  (total: () => number): Handler =>
  (input) => {
    const offset = Number(input.offset)
    const end = Math.min(total(), offset + Number(input.limit))
    const rows = Array.from({ length: Math.max(0, end - offset) }, (_, i) => node(offset + i))
    return ok(page(rows, total(), offset))
  }

const offsets = (calls: Record<string, unknown>[]): number[] => calls.map((c) => Number(c.offset))

/** What a qbo refresh emits: a `changed` and an `account` event for each of its 7 kinds. */
function qboRefresh(): AgentEvent[] {
  const kinds: ResourceKind[] = [
    'clusters',
    'nodes',
    'images',
    'networks',
    'pods',
    'services',
    'loadBalancers'
  ]
  return kinds.flatMap((kind): AgentEvent[] => [
    { type: 'changed', accountId: 'acc-1', kind },
    { type: 'account', account: account() }
  ])
}

describe('ResourceList', () => {
  it('builds queries from its state and goes back to the top on a new search', async () => {
    const { api, transport } = fakeApi({ 'nodes.list': manyNodes(() => 100_000) })
    const list = new ResourceList(api, 'nodes.list')
    const stop = list.start()
    await vi.waitFor(() => expect(list.total).toBe(100_000))
    list.setView({ start: 20_000, end: 20_030 })
    expect(transport.lastListCall('nodes.list').offset).toBe(20_000)

    const query = list.queryId
    list.setSearch('alpha')
    expect(list.queryId).toBe(query + 1)
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
    await vi.waitFor(() => expect(list.rowAt(0)?.name).toBe('node-2.alpha'))
    pending[0]?.resolve(ok(page([node(1)])))
    await flushPromises()
    expect(list.rowAt(0)?.name).toBe('node-2.alpha')
    expect(list.loading).toBe(false)
    stop()
  })

  it('fetches the blocks around the view of a 100k result and lets far ones go', async () => {
    const { api, transport } = fakeApi({ 'nodes.list': manyNodes(() => 100_000) })
    const list = new ResourceList(api, 'nodes.list')
    const stop = list.start()
    await vi.waitFor(() => expect(list.total).toBe(100_000))
    expect(offsets(transport.listCalls('nodes.list'))).toEqual([0])

    // Rows 50,000–50,029 in view: their block and the one the lookahead reaches above.
    list.setView({ start: 50_000, end: 50_030 })
    expect(offsets(transport.listCalls('nodes.list'))).toEqual([0, 49_900, 50_000])
    await vi.waitFor(() => expect(list.rowAt(50_029)?.name).toBe('node-50029.alpha'))
    expect(list.rowAt(49_900)?.name).toBe('node-49900.alpha')
    // Block 0 is far from the view now: it was dropped, and only a few blocks are held.
    expect(list.rowAt(0)).toBeUndefined()
    expect(list.heldRows).toBeLessThanOrEqual(200)

    // A small move inside the loaded blocks asks for nothing.
    list.setView({ start: 49_960, end: 49_990 })
    expect(transport.listCalls('nodes.list')).toHaveLength(3)

    // The end of the result: the last block is the one with rows 99,900–99,999.
    list.setView({ start: 99_970, end: 100_000 })
    expect(offsets(transport.listCalls('nodes.list')).slice(3)).toEqual([99_900])
    await vi.waitFor(() => expect(list.rowAt(99_999)?.name).toBe('node-99999.alpha'))
    expect(list.rowAt(100_000)).toBeUndefined()
    stop()
  })

  it('re-queries only the blocks in view on a change, keeping their rows meanwhile', async () => {
    let total = 100_000
    const { api, transport } = fakeApi({ 'nodes.list': manyNodes(() => total) })
    const list = new ResourceList(api, 'nodes.list', { coalesceMs: 0 })
    const stop = list.start()
    await vi.waitFor(() => expect(list.total).toBe(100_000))
    list.setView({ start: 30_010, end: 30_040 })
    await vi.waitFor(() => expect(list.rowAt(30_010)).toBeDefined())
    const before = transport.listCalls('nodes.list').length

    total = 30_020
    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'nodes' })
    expect(list.rowAt(30_030)?.name).toBe('node-30030.alpha')
    await vi.waitFor(() => expect(list.total).toBe(30_020))
    expect(offsets(transport.listCalls('nodes.list').slice(before))).toEqual([29_900, 30_000])
    await vi.waitFor(() => expect(list.rowAt(30_030)).toBeUndefined())
    expect(list.rowAt(30_019)?.name).toBe('node-30019.alpha')
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

  it('turns a qbo refresh’s burst of 14 events into one re-query, and ignores account events', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { api, transport } = fakeApi()
    const list = new ResourceList(api, 'networks.list')
    const stop = list.start()
    for (const event of qboRefresh()) transport.emit(event)
    await vi.advanceTimersByTimeAsync(150)
    expect(transport.listCalls('networks.list')).toHaveLength(2)

    // Status and freshness alone: the rows did not change.
    for (let i = 0; i < 7; i++) transport.emit({ type: 'account', account: account() })
    await vi.advanceTimersByTimeAsync(500)
    expect(transport.listCalls('networks.list')).toHaveLength(2)

    // An account left: its rows left with it.
    transport.emit({ type: 'accounts' })
    await vi.advanceTimersByTimeAsync(150)
    expect(transport.listCalls('networks.list')).toHaveLength(3)
    stop()
  })
})
