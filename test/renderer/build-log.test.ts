import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import {
  findMatches,
  highlight,
  LOG_LINE_PX,
  lineWindow,
  splitLines
} from '../../src-renderer/lib/log-window'
import {
  cycleAccount,
  cycleImage,
  deferred,
  failure,
  fakeApi,
  ok,
  page,
  SYNCED_AT,
  type Handler
} from './fake-transport'

const LINES = 20_000
const BIG_LOG = Array.from({ length: LINES }, (_, i) => `Step ${i + 1}: RUN make`).join('\n') + '\n'

async function openLog(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi({
    'accounts.list': () => ok([cycleAccount()]),
    'cycleImages.list': () => ok(page([cycleImage(1)])),
    'cycleImages.buildLog': () => ok({ imageId: 'x', log: BIG_LOG, fetchedAt: SYNCED_AT }),
    ...handlers
  })
  render(App, { api: fake.api })
  await fireEvent.click(await screen.findByTestId('nav-cycle-images'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(1))
  await fireEvent.click(screen.getAllByTestId('row')[0]!)
  return { ...fake, log: await screen.findByTestId('build-log') }
}

const shownLines = (): number[] =>
  screen.getAllByTestId('log-line').map((el) => Number(el.dataset.line))

describe('Build log viewer', () => {
  it('draws only a window of a 20,000-line log, and scrolling moves the window', async () => {
    const { log, transport } = await openLog()
    await waitFor(() =>
      expect(within(log).getByTestId('build-log-count').textContent).toBe('20,000 lines')
    )
    expect(transport.callsTo('cycleImages.buildLog')).toEqual([
      { accountId: 'hub-1', imageId: cycleImage(1).id, refresh: true }
    ])
    expect(within(log).getByTestId('build-log-fresh').textContent).toMatch(/^fetched .*09:30$/)

    const first = shownLines()
    expect(first.length).toBeGreaterThan(10)
    expect(first.length).toBeLessThan(200)
    expect(first[0]).toBe(1)
    expect(log.textContent).toContain('Step 1: RUN make')
    expect(log.textContent).not.toContain('Step 10000: RUN make')

    // The scroll area is as tall as every line, so the scroll bar tells the truth.
    const viewport = within(log).getByTestId('build-log-lines')
    const sizer = viewport.firstElementChild as HTMLElement
    expect(sizer.style.height).toBe(`${LINES * LOG_LINE_PX}px`)

    Object.defineProperty(viewport, 'clientHeight', { configurable: true, get: () => 360 })
    viewport.scrollTop = 10_000 * LOG_LINE_PX
    await fireEvent.scroll(viewport)
    await waitFor(() => expect(shownLines()).toContain(10_001))
    const later = shownLines()
    expect(later.length).toBeLessThan(200)
    expect(later).not.toContain(1)
    expect(log.textContent).toContain('Step 10001: RUN make')
    const lines = sizer.firstElementChild as HTMLElement
    expect(lines.style.transform).toBe(`translateY(${(later[0]! - 1) * LOG_LINE_PX}px)`)
  })

  it('finds matches, highlights them and jumps between them', async () => {
    const { log } = await openLog()
    await waitFor(() => expect(shownLines().length).toBeGreaterThan(0))
    const viewport = within(log).getByTestId('build-log-lines')
    Object.defineProperty(viewport, 'clientHeight', { configurable: true, get: () => 360 })

    const search = within(log).getByTestId('build-log-search')
    await fireEvent.input(search, { target: { value: 'step 1500:' } })
    expect(within(log).getByTestId('build-log-matches').textContent?.trim()).toBe('1 of 1')
    await waitFor(() => expect(shownLines()).toContain(1500))
    const hit = screen.getAllByTestId('log-line').find((el) => el.dataset.line === '1500')!
    expect(hit.classList).toContain('current')
    expect(hit.querySelector('mark')?.textContent).toBe('Step 1500:')

    await fireEvent.input(search, { target: { value: '9: RUN' } })
    // Lines 9, 19, 29, …: 2,000 of them.
    expect(within(log).getByTestId('build-log-matches').textContent?.trim()).toBe('1 of 2,000')
    await fireEvent.keyDown(search, { key: 'Enter' })
    expect(within(log).getByTestId('build-log-matches').textContent?.trim()).toBe('2 of 2,000')
    await waitFor(() =>
      expect(
        screen.getAllByTestId('log-line').find((el) => el.classList.contains('current'))?.dataset
          .line
      ).toBe('19')
    )
    await fireEvent.keyDown(search, { key: 'Enter', shiftKey: true })
    await fireEvent.keyDown(search, { key: 'Enter', shiftKey: true })
    expect(within(log).getByTestId('build-log-matches').textContent?.trim()).toBe('2,000 of 2,000')
    await waitFor(() => expect(shownLines()).toContain(19_999))

    await fireEvent.input(search, { target: { value: 'nowhere' } })
    expect(within(log).getByTestId('build-log-matches').textContent?.trim()).toBe('no matches')
  })

  it('says plainly why there is no log, and refreshes on demand', async () => {
    let answer: ReturnType<Handler> = failure(
      'unavailable',
      'hub is offline and no build log is cached'
    )
    const { log, transport } = await openLog({ 'cycleImages.buildLog': () => answer })
    const error = await within(log).findByTestId('build-log-error')
    expect(error.textContent?.trim()).toBe('hub is offline and no build log is cached')
    expect(within(log).queryByTestId('build-log-lines')).toBeNull()

    const later = deferred<ReturnType<Handler>>()
    answer = later.promise as never
    await fireEvent.click(within(log).getByTestId('build-log-refresh'))
    expect((within(log).getByTestId('build-log-refresh') as HTMLButtonElement).disabled).toBe(true)
    later.resolve(
      ok({ imageId: 'x', log: 'FROM alpine\nRUN true', fetchedAt: SYNCED_AT + 120_000 })
    )
    await waitFor(() => expect(shownLines()).toEqual([1, 2]))
    expect(within(log).queryByTestId('build-log-error')).toBeNull()
    expect(within(log).getByTestId('build-log-count').textContent).toBe('2 lines')
    expect(within(log).getByTestId('build-log-fresh').textContent).toMatch(/^fetched .*09:32$/)
    expect(transport.callsTo('cycleImages.buildLog')).toHaveLength(2)
  })
})

describe('log window arithmetic', () => {
  it('windows, splits, searches and highlights', () => {
    expect(lineWindow(0, 180, 20_000, 18, 5)).toEqual({ start: 0, end: 16 })
    expect(lineWindow(18 * 1000, 180, 20_000, 18, 5)).toEqual({ start: 995, end: 1016 })
    expect(lineWindow(18 * 30_000, 180, 100, 18, 5)).toEqual({ start: 95, end: 100 })
    expect(lineWindow(0, 0, 3)).toEqual({ start: 0, end: 3 })
    expect(splitLines('')).toEqual([])
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b'])
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b'])
    expect(findMatches(['Alpha', 'beta', 'ALPHABET'], 'alpha')).toEqual([0, 2])
    expect(findMatches(['a'], '')).toEqual([])
    expect(highlight('abcABC', 'bc')).toEqual([
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
      { text: 'A', hit: false },
      { text: 'BC', hit: true }
    ])
    expect(highlight('', 'x')).toEqual([{ text: '', hit: false }])
  })
})

describe('Build log viewer: the log’s events', () => {
  it('shows when the log was created and updated beside it, in that order', async () => {
    const { log } = await openLog({
      'cycleImages.buildLog': () =>
        ok({
          imageId: 'x',
          log: 'Step 1\n',
          fetchedAt: SYNCED_AT,
          events: { updated: '2026-01-02T10:00:00Z', created: '2026-01-02T09:00:00Z' }
        })
    })
    await waitFor(() => expect(within(log).getAllByTestId('build-log-event')).toHaveLength(2))
    const events = within(log).getAllByTestId('build-log-event')
    expect(events.map((e) => e.textContent?.split(' ')[0])).toEqual(['created', 'updated'])
    expect(events[0]!.querySelector('time')!.getAttribute('datetime')).toBe(
      '2026-01-02T09:00:00.000Z'
    )
  })
})
