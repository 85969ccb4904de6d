// Cycle writes RFC 3339 times with as many fraction digits as it has; the cache sorts and
// compares a job's times as text, so the mapping rewrites them with exactly three.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sortableStamp } from '../../src-main/providers/cycle/mapping'

/** A time as Cycle may write it: trailing zeros of the fraction dropped, or no fraction at all. */
const cycleText = (ms: number, nanos: number): string => {
  const iso = new Date(ms).toISOString().slice(0, 19)
  const fraction = String(nanos).padStart(9, '0').replace(/0+$/, '')
  return fraction ? `${iso}.${fraction}Z` : `${iso}Z`
}

describe('a job time the cache sorts as text', () => {
  it('puts "…31.5Z" before "…31.516Z", as time does', () => {
    const a = sortableStamp('2026-03-01T10:00:31.5Z')!
    const b = sortableStamp('2026-03-01T10:00:31.516Z')!
    expect([b, a].sort()).toEqual([a, b])
    expect(a).toBe('2026-03-01T10:00:31.500Z')
  })

  it('sorts as text in time order, whatever the fraction', () => {
    const time = fc.tuple(
      fc.integer({ min: Date.UTC(2020, 0), max: Date.UTC(2030, 0) }).map((ms) => ms - (ms % 1000)),
      fc.integer({ min: 0, max: 999_999_999 })
    )
    fc.assert(
      fc.property(time, time, ([ms1, n1], [ms2, n2]) => {
        const millis1 = ms1 + Math.floor(n1 / 1e6)
        const millis2 = ms2 + Math.floor(n2 / 1e6)
        fc.pre(millis1 !== millis2)
        const text1 = sortableStamp(cycleText(ms1, n1))!
        const text2 = sortableStamp(cycleText(ms2, n2))!
        expect(text1 < text2).toBe(millis1 < millis2)
      })
    )
  })

  it('keeps "not set" as null and text it cannot read as it came', () => {
    expect(sortableStamp(null)).toBeNull()
    expect(sortableStamp('0001-01-01T00:00:00Z')).toBeNull()
    expect(sortableStamp('soon')).toBe('soon')
  })
})
