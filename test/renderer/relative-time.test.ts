// One way every time reads ("3 min ago", the exact local time on hover), kept current by one
// shared clock rather than a timer per row.
import { render } from '@testing-library/svelte'
import { flushSync } from 'svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import RelativeTime from '../../src-renderer/components/RelativeTime.svelte'
import { fullTime, relativeTime, timeOf } from '../../src-renderer/lib/format'
import { CLOCK_TICK_MS } from '../../src-renderer/lib/stores/clock.svelte'

const NOW = new Date(2025, 0, 15, 12, 0, 0).getTime()

afterEach(() => {
  vi.useRealTimers()
})

describe('relative times', () => {
  it.each([
    [NOW - 10_000, 'just now'],
    [NOW + 20_000, 'just now'],
    [NOW - 3 * 60_000, '3 min ago'],
    [NOW - 2 * 3_600_000, '2 h ago'],
    [new Date(2025, 0, 14, 9, 5).getTime(), 'yesterday 09:05'],
    [new Date(2024, 11, 30, 18, 30).getTime(), '2024-12-30 18:30']
  ])('%s reads "%s"', (at, words) => {
    expect(relativeTime(at, NOW)).toBe(words)
  })

  it('reads the server’s text times, and none for Go’s zero time or text that is no time', () => {
    expect(timeOf('2025-01-15T11:57:00Z')).toBe(Date.parse('2025-01-15T11:57:00Z'))
    expect(timeOf('0001-01-01T00:00:00Z')).toBeNull()
    expect(timeOf('soon')).toBeNull()
    expect(timeOf('')).toBeNull()
    expect(fullTime(new Date(2025, 0, 5, 7, 8, 9).getTime())).toBe('2025-01-05 07:08:09')
  })

  it('shows relative text with the exact local time in its title and datetime', () => {
    vi.useFakeTimers({ now: NOW })
    const at = NOW - 3 * 60_000
    const { container } = render(RelativeTime, { at: new Date(at).toISOString() })
    const time = container.querySelector('time')!
    expect(time.textContent).toBe('3 min ago')
    expect(time.getAttribute('title')).toBe(fullTime(at))
    expect(time.getAttribute('datetime')).toBe(new Date(at).toISOString())
  })

  it('moves on as the shared clock ticks: one timer, however many times are shown', async () => {
    vi.useFakeTimers({ now: NOW })
    const before = vi.getTimerCount()
    const times = [NOW - 10_000, NOW - 60_000, NOW - 5 * 60_000].map(
      (at) => render(RelativeTime, { at }).container
    )
    const text = () => times.map((c) => c.querySelector('time')?.textContent)
    expect(text()).toEqual(['just now', '1 min ago', '5 min ago'])
    expect(vi.getTimerCount() - before).toBe(1)

    await vi.advanceTimersByTimeAsync(2 * 60_000)
    flushSync()
    expect(text()).toEqual(['2 min ago', '3 min ago', '7 min ago'])
    expect(vi.getTimerCount() - before).toBe(1)
    expect(CLOCK_TICK_MS).toBeLessThanOrEqual(60_000)
  })

  it('shows text that is not a time as it came, and nothing for no time', () => {
    const odd = render(RelativeTime, { at: 'soon' }).container
    expect(odd.textContent).toBe('soon')
    expect(odd.querySelector('time')).toBeNull()
    expect(render(RelativeTime, { at: null, empty: '—' }).container.textContent).toBe('—')
  })
})
