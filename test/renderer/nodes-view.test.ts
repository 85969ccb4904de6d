import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NodeRow, Page, Result } from '@contract'
import App from '../../src-renderer/App.svelte'
import { ROW_HEIGHT } from '../../src-renderer/lib/virtual-rows.svelte'
import {
  account,
  deferred,
  failure,
  fakeApi,
  node,
  OFFLINE,
  ok,
  page,
  flushPromises,
  type Handler
} from './fake-transport'

const FAKE: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']
}

async function renderNodes(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  await waitFor(() => expect(screen.getAllByTestId('row').length).toBeGreaterThan(0))
  return fake
}

const headerButton = (name: string): HTMLElement =>
  within(screen.getByRole('table')).getByRole('button', { name })

const rowNames = (): string[] =>
  screen.getAllByTestId('row').map((r) => r.querySelector('td')?.textContent?.trim() ?? '')

/** A result of `total` nodes, answered block by block as the agent does. */
const manyNodes =
  (total: number): Handler =>
  (input) => {
    const offset = Number(input.offset)
    const end = Math.min(total, offset + Number(input.limit))
    const rows = Array.from({ length: Math.max(0, end - offset) }, (_, i) => node(offset + i))
    return ok(page(rows, total, offset))
  }

const offsets = (calls: Record<string, unknown>[]): number[] => calls.map((c) => Number(c.offset))

/** Rows in the DOM, loaded or not (spacers carry no row index). */
const mounted = (): HTMLElement[] => [
  ...screen.getByRole('table').querySelectorAll<HTMLElement>('tbody tr[aria-rowindex]')
]

const rowAtIndex = (index: number): HTMLElement | null =>
  screen.getByRole('table').querySelector<HTMLElement>(`tr[data-index="${index}"]`)

const focusedIndex = (): number => Number((document.activeElement as HTMLElement).dataset.index)

/**
 * jsdom has no layout: the table's scroll box gets a scroll position that scrolling (by the test
 * or by the virtualizer's scrollTo) moves, with the scroll event a browser would send.
 */
function scrollBox(): { scrollTo: (top: number) => void } {
  const box = screen.getByRole('table').parentElement!
  let top = 0
  const scrollTo = (to: number): void => {
    top = to
    box.dispatchEvent(new Event('scroll'))
  }
  Object.defineProperty(box, 'scrollTop', { configurable: true, get: () => top })
  // The virtualizer never scrolls past the box's end: its content is one header and the rows.
  const rows = Number(screen.getByRole('table').getAttribute('aria-rowcount'))
  Object.defineProperty(box, 'scrollHeight', { configurable: true, get: () => rows * ROW_HEIGHT })
  Object.defineProperty(box, 'clientHeight', { configurable: true, get: () => 20 * ROW_HEIGHT })
  box.scrollTo = ((options: ScrollToOptions) => scrollTo(options.top ?? top)) as typeof box.scrollTo
  return { scrollTo: (rows) => scrollTo(rows + ROW_HEIGHT) }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('Nodes view', () => {
  it('sends the sort to the agent and marks the header with aria-sort', async () => {
    const { transport } = await renderNodes()
    const header = (): HTMLElement => screen.getByRole('columnheader', { name: /^Name/ })
    expect(header().getAttribute('aria-sort')).toBe('none')

    await fireEvent.click(headerButton('Name'))
    expect(transport.lastListCall('nodes.list').sort).toEqual({ field: 'name', dir: 'asc' })
    expect(header().getAttribute('aria-sort')).toBe('ascending')

    await fireEvent.click(headerButton('Name'))
    expect(transport.lastListCall('nodes.list').sort).toEqual({ field: 'name', dir: 'desc' })
    expect(header().getAttribute('aria-sort')).toBe('descending')

    await fireEvent.click(headerButton('Address'))
    expect(transport.lastListCall('nodes.list').sort).toEqual({ field: 'address', dir: 'asc' })
    expect(header().getAttribute('aria-sort')).toBe('none')
  })

  it('sends the search to the agent once typing pauses', async () => {
    const { transport } = await renderNodes()
    vi.useFakeTimers(FAKE)
    const before = transport.listCalls('nodes.list').length
    const box = screen.getByTestId('search')

    await fireEvent.input(box, { target: { value: 'node' } })
    await vi.advanceTimersByTimeAsync(100)
    await fireEvent.input(box, { target: { value: 'node-2' } })
    await vi.advanceTimersByTimeAsync(150)
    expect(transport.listCalls('nodes.list').length).toBe(before)

    await vi.advanceTimersByTimeAsync(60)
    expect(transport.listCalls('nodes.list').length).toBe(before + 1)
    expect(transport.lastListCall('nodes.list')).toMatchObject({ search: 'node-2', offset: 0 })
  })

  it('offers to clear a search that matches nothing', async () => {
    const { transport } = await renderNodes({
      'nodes.list': (input) => ok(input.search ? page<NodeRow>([]) : page([node(1)]))
    })
    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'zzz' } })

    const empty = await screen.findByTestId('empty-state')
    expect(empty.textContent).toContain('No nodes match “zzz”')

    await fireEvent.click(within(empty).getByRole('button', { name: 'Clear search' }))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(1))
    expect(transport.lastListCall('nodes.list').search).toBeUndefined()
    expect((screen.getByTestId('search') as HTMLInputElement).value).toBe('')
  })

  it('passes the chosen cluster to the agent', async () => {
    const { transport } = await renderNodes()
    const filter = await screen.findByTestId('cluster-filter')
    const beta = await within(filter).findByRole('button', { name: /beta/ })
    expect(beta.textContent).toContain('1/2')

    await fireEvent.click(beta)
    expect(transport.lastListCall('nodes.list')).toMatchObject({ cluster: 'beta', offset: 0 })
    expect(beta.getAttribute('aria-pressed')).toBe('true')

    await fireEvent.click(within(filter).getByRole('button', { name: 'All' }))
    expect(transport.lastListCall('nodes.list').cluster).toBeUndefined()
  })

  it('mounts only the rows near the viewport of a 100k result and fetches as it scrolls', async () => {
    const { transport } = await renderNodes({ 'nodes.list': manyNodes(100_000) })
    const table = screen.getByRole('table')
    expect(table.getAttribute('aria-rowcount')).toBe('100001')
    expect(mounted().length).toBeGreaterThan(10)
    expect(mounted().length).toBeLessThanOrEqual(100)
    expect(mounted()[0]?.getAttribute('aria-rowindex')).toBe('2')
    expect(screen.queryByTestId('pager')).toBeNull()

    const box = scrollBox()
    box.scrollTo(60_000 * ROW_HEIGHT)
    await waitFor(() => expect(rowAtIndex(60_000)?.textContent).toContain('node-60000.alpha'))
    expect(offsets(transport.listCalls('nodes.list'))).toEqual([0, 59_900, 60_000])
    expect(mounted().length).toBeLessThanOrEqual(100)
    expect(mounted().every((r) => Number(r.getAttribute('aria-rowindex')) > 59_000)).toBe(true)

    box.scrollTo(0)
    await waitFor(() => expect(rowAtIndex(0)?.textContent).toContain('node-0.alpha'))
    expect(mounted().length).toBeLessThanOrEqual(100)
  })

  it('moves the focused row with the keyboard, scrolling as needed', async () => {
    const { transport } = await renderNodes({ 'nodes.list': manyNodes(100_000) })
    scrollBox()
    const first = rowAtIndex(0)!
    expect(first.tabIndex).toBe(0)
    first.focus()

    await fireEvent.keyDown(first, { key: 'ArrowDown' })
    await waitFor(() => expect(focusedIndex()).toBe(1))
    expect(rowAtIndex(1)?.tabIndex).toBe(0)
    expect(rowAtIndex(0)?.tabIndex).toBe(-1)

    await fireEvent.keyDown(document.activeElement!, { key: 'PageDown' })
    await waitFor(() => expect(focusedIndex()).toBeGreaterThan(10))
    const paged = focusedIndex()
    await fireEvent.keyDown(document.activeElement!, { key: 'PageUp' })
    await waitFor(() => expect(focusedIndex()).toBe(1))
    expect(paged - 1).toBeGreaterThan(10)

    await fireEvent.keyDown(document.activeElement!, { key: 'End' })
    await waitFor(() => expect(focusedIndex()).toBe(99_999))
    await waitFor(() => expect(rowAtIndex(99_999)?.textContent).toContain('node-99999.alpha'))
    expect(offsets(transport.listCalls('nodes.list'))).toContain(99_900)
    expect(mounted().length).toBeLessThanOrEqual(100)

    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' })
    await waitFor(() => expect(focusedIndex()).toBe(99_998))
    await fireEvent.keyDown(document.activeElement!, { key: 'Home' })
    await waitFor(() => expect(focusedIndex()).toBe(0))
    await waitFor(() => expect(rowAtIndex(0)?.textContent).toContain('node-0.alpha'))
  })

  it('re-queries once per burst of changed events for its kind', async () => {
    const { transport } = await renderNodes()
    vi.useFakeTimers(FAKE)
    const before = transport.listCalls('nodes.list').length

    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'images' })
    await vi.advanceTimersByTimeAsync(200)
    expect(transport.listCalls('nodes.list').length).toBe(before)

    for (let i = 0; i < 5; i++) {
      transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'nodes' })
      await vi.advanceTimersByTimeAsync(20)
    }
    await vi.advanceTimersByTimeAsync(150)
    expect(transport.listCalls('nodes.list').length).toBe(before + 1)
  })

  it('shows new rows after a changed event', async () => {
    let rows = [node(1)]
    const { transport } = await renderNodes({ 'nodes.list': () => ok(page(rows)) })
    expect(screen.getAllByTestId('row')).toHaveLength(1)

    rows = [node(1), node(2)]
    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'nodes' })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
  })

  it('keeps the last page on screen while a re-query is in flight', async () => {
    let next: Handler = () => ok(page([node(1), node(2)]))
    const { transport } = await renderNodes({ 'nodes.list': (input) => next(input) })
    const slow = deferred<Result<Page<NodeRow>>>()
    next = () => slow.promise

    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'nodes' })
    await waitFor(() => expect(screen.getByRole('table').getAttribute('aria-busy')).toBe('true'))
    expect(screen.getAllByTestId('row')).toHaveLength(2)

    slow.resolve(ok(page([node(7)])))
    await waitFor(() => expect(rowNames()).toEqual(['node-7.alpha']))
    expect(screen.getByRole('table').getAttribute('aria-busy')).toBe('false')
  })

  it('never lets an older, slower answer replace a newer one', async () => {
    const answers: Array<ReturnType<typeof deferred<Result<Page<NodeRow>>>>> = []
    const { transport } = await renderNodes({
      'nodes.list': (input) => {
        if (!input.sort) return ok(page([node(1)]))
        const d = deferred<Result<Page<NodeRow>>>()
        answers.push(d)
        return d.promise
      }
    })

    await fireEvent.click(headerButton('Name')) // older query: asc
    await fireEvent.click(headerButton('Name')) // newer query: desc
    expect(transport.lastListCall('nodes.list').sort).toEqual({ field: 'name', dir: 'desc' })
    const [older, newer] = answers

    newer?.resolve(ok(page([node(3), node(2)])))
    await waitFor(() => expect(rowNames()).toEqual(['node-3.alpha', 'node-2.alpha']))
    older?.resolve(ok(page([node(2), node(3)])))
    await flushPromises()
    expect(rowNames()).toEqual(['node-3.alpha', 'node-2.alpha'])
  })

  it('shows the error with Try again, which re-queries', async () => {
    let fail = true
    const { api, transport } = fakeApi({
      'nodes.list': () =>
        fail ? failure('internal', 'The cache could not be read') : ok(page([node(1)]))
    })
    render(App, { api })

    const error = await screen.findByTestId('error-state')
    expect(error.textContent).toContain('The cache could not be read')
    fail = false
    await fireEvent.click(within(error).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(1))
    expect(screen.queryByTestId('error-state')).toBeNull()
    expect(transport.listCalls('nodes.list').length).toBe(2)
  })

  it('keeps the rows and shows a compact error when a re-query fails', async () => {
    let fail = false
    const { transport } = await renderNodes({
      'nodes.list': () => (fail ? failure('unavailable', 'Agent busy') : ok(page([node(1)])))
    })
    fail = true
    transport.emit({ type: 'changed', accountId: 'acc-1', kind: 'nodes' })
    const error = await screen.findByTestId('error-state')
    expect(error.textContent).toContain('Agent busy')
    expect(screen.getAllByTestId('row')).toHaveLength(1)
  })
})

describe('Nodes empty states', () => {
  const empty = (): Result<Page<NodeRow>> => ok({ items: [], total: 0, offset: 0, asOf: null })

  it('explains how to add an account when none are configured', async () => {
    const { api } = fakeApi({ 'accounts.list': () => ok([]), 'nodes.list': empty })
    render(App, { api })
    const state = await screen.findByTestId('empty-state')
    expect(state.textContent).toContain('No accounts configured')
    expect(state.textContent).toContain('Start Berth with npm start to use the built-in sandbox')
    expect(state.textContent).toContain('--config FILE')
    expect(screen.getByTestId('freshness').textContent?.trim()).toBe('never synced')
  })

  it('waits for the first sync of an account that is connecting', async () => {
    const { api } = fakeApi({
      'accounts.list': () =>
        ok([account({ lastSyncAt: null, status: { state: 'connecting', since: 0 } })]),
      'nodes.list': empty
    })
    render(App, { api })
    const state = await screen.findByTestId('empty-state')
    expect(state.textContent).toContain('Waiting for the first sync of sandbox…')
  })

  it('says an offline account has nothing cached yet', async () => {
    const { api } = fakeApi({
      'accounts.list': () =>
        ok([
          account({
            lastSyncAt: null,
            status: OFFLINE
          })
        ]),
      'nodes.list': empty
    })
    render(App, { api })
    const state = await screen.findByTestId('empty-state')
    expect(state.textContent).toContain('sandbox is offline and nothing is cached yet')
  })
})
