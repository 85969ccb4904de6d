import { describe, expect, it, vi } from 'vitest'
import { ResourceList } from '../../src-renderer/lib/stores/resource-list.svelte'
import { resourceCount } from '../../src-renderer/lib/stores/summaries'
import { fakeApi, node, ok, page } from './fake-transport'

/**
 * A removed account's rows leave the screen with its `accounts` event, not a burst window later
 * when the re-query answers: the list drops what it held of them and asks again at once.
 */
describe('a list when an account is removed', () => {
  it('drops the rows it held of that account at once and re-queries without waiting', async () => {
    let rows = [node(1), node(2, { accountId: 'acc-2' }), node(3)]
    const { api, transport } = fakeApi({ 'nodes.list': () => ok(page(rows, rows.length)) })
    const list = new ResourceList(api, 'nodes.list', { coalesceMs: 60_000 })
    const stop = list.start()
    list.setView({ start: 0, end: 3 })
    await vi.waitFor(() => expect(list.rowAt(1)?.accountId).toBe('acc-2'))
    const asked = transport.callsTo('nodes.list').length

    rows = [node(1), node(3)]
    transport.emit({ type: 'accounts', removed: ['acc-2'] })
    // Synchronously: nothing of acc-2 is held any more, and the new query is already out.
    expect([0, 1, 2].map((i) => list.rowAt(i)?.accountId)).not.toContain('acc-2')
    expect(transport.callsTo('nodes.list').length).toBe(asked + 1)
    await vi.waitFor(() => expect(list.total).toBe(2))
    stop()
  })

  it('leaves rows alone when the removed account had none in view, but still re-queries', async () => {
    const rows = [node(1), node(3)]
    const { api, transport } = fakeApi({ 'nodes.list': () => ok(page(rows, rows.length)) })
    const list = new ResourceList(api, 'nodes.list', { coalesceMs: 60_000 })
    const stop = list.start()
    list.setView({ start: 0, end: 2 })
    await vi.waitFor(() => expect(list.rowAt(1)).toBeDefined())
    const asked = transport.callsTo('nodes.list').length
    transport.emit({ type: 'accounts', removed: ['acc-9'] })
    expect(list.rowAt(1)?.name).toBe('node-3.alpha')
    expect(transport.callsTo('nodes.list').length).toBe(asked + 1)
    stop()
  })

  it('asks the navigation counts again at once', async () => {
    let total = 10
    const { api, transport } = fakeApi({ 'nodes.list': () => ok(page([node(1)], total)) })
    const count = resourceCount(api, 'nodes.list')
    const stop = count.start()
    await vi.waitFor(() => expect(count.value).toBe(10))
    total = 4
    const asked = transport.callsTo('nodes.list').length
    transport.emit({ type: 'accounts', removed: ['acc-2'] })
    expect(transport.callsTo('nodes.list').length).toBe(asked + 1)
    await vi.waitFor(() => expect(count.value).toBe(4))
    stop()
  })
})
