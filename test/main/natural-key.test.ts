// The cache's natural-order key, held against a plain reference comparator: the one string
// SQLite compares byte by byte must put any two names in the order people read them.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src-main/cache/db'
import { naturalKey, naturalKeyOf } from '../../src-main/cache/natural-key'
import { NaturalKeyMemo } from '../../src-main/cache/natural-key-memo'
import { naturalCompare } from '../support/natural-compare'
import { tempDir } from '../support/temp-dir'

/** How SQLite's BINARY collation compares two texts: their UTF-8 bytes. */
const sqliteCompare = (a: string, b: string): number =>
  Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')))

// Names as servers give them: digit runs (with leading zeros), separators, both cases, accents.
const nameLike = fc.string({
  unit: fc.constantFrom(...'0123456789001aAbBzZ-._/: éÉß€🙂'.split(/(?:)/u)),
  maxLength: 14
})
// Any text at all (NUL aside: it ends a name's folded part in the key).
const anyText = fc.string({ unit: 'grapheme', maxLength: 10 }).filter((s) => !s.includes('\u0000'))

describe('naturalKey', () => {
  it('orders keys as the reference natural comparator orders the names', () => {
    for (const names of [nameLike, anyText]) {
      fc.assert(
        fc.property(names, names, (a, b) => {
          expect(sqliteCompare(naturalKey(a), naturalKey(b))).toBe(naturalCompare(a, b))
        }),
        { numRuns: 3000 }
      )
    }
  })

  it('gives equal keys only to equal names, so the order is total', () => {
    fc.assert(
      fc.property(nameLike, nameLike, (a, b) => {
        expect(naturalKey(a) === naturalKey(b)).toBe(a === b)
      }),
      { numRuns: 3000 }
    )
  })

  it('reads numbers by value, letters without case, and breaks ties by the text', () => {
    const sorted = (names: string[]) =>
      [...names].sort((a, b) => sqliteCompare(naturalKey(a), naturalKey(b)))
    expect(sorted(['cluster-30', 'cluster-100', 'cluster-5'])).toEqual([
      'cluster-5',
      'cluster-30',
      'cluster-100'
    ])
    expect(sorted(['v1.26.15', 'v1.26.6', 'v1.3.0'])).toEqual(['v1.3.0', 'v1.26.6', 'v1.26.15'])
    expect(sorted(['10.0.0.10', '10.0.0.9', '9.255.0.1'])).toEqual([
      '9.255.0.1',
      '10.0.0.9',
      '10.0.0.10'
    ])
    expect(sorted(['b', 'B', 'a', 'A2', 'a02', 'a2'])).toEqual(['a', 'A2', 'a02', 'a2', 'B', 'b'])
    expect(sorted(['node-12345678901234567890', 'node-9'])).toEqual([
      'node-9',
      'node-12345678901234567890'
    ])
  })

  describe('as the SQL function every cache connection has', () => {
    let dir: ReturnType<typeof tempDir>
    let db: Db
    beforeEach(() => {
      dir = tempDir()
      db = openDatabase(`${dir.path}/cache.sqlite`)
    })
    afterEach(() => {
      db.close()
      dir.remove()
    })

    it('orders rows in SQLite as the reference does', () => {
      fc.assert(
        fc.property(fc.uniqueArray(nameLike, { maxLength: 40 }), (names) => {
          const rows = db
            .prepare(`SELECT value FROM json_each(?) ORDER BY natural_key(value)`)
            .pluck()
            .all(JSON.stringify(names))
          expect(rows).toEqual([...names].sort(naturalCompare))
        }),
        { numRuns: 300 }
      )
    })
  })
})

describe('natural keys remembered per value (NaturalKeyMemo)', () => {
  it('gives naturalKeyOf’s key for repeating, distinct and empty values alike', () => {
    const memo = new NaturalKeyMemo(2)
    // Column 0 repeats (a node's cluster), column 1 never does (its name): past the trial the
    // second is computed every time, the first still remembered, and neither may differ.
    for (let i = 0; i < 25_000; i++) {
      const cluster = i % 7 === 0 ? null : `cluster-${i % 250}`
      const name = `Node-${i}.Localhost`
      expect(memo.keyOf(0, cluster)).toBe(naturalKeyOf(cluster))
      expect(memo.keyOf(1, name)).toBe(naturalKeyOf(name))
    }
  })

  it('never holds more than a bounded number of values for a column that keeps repeating', () => {
    const memo = new NaturalKeyMemo(1)
    // Half the values repeat, so the column stays remembered while distinct ones keep coming.
    for (let i = 0; i < 60_000; i++) {
      const value = i % 2 ? 'same' : `v${i}`
      expect(memo.keyOf(0, value)).toBe(naturalKeyOf(value))
    }
    const held = (memo as unknown as { columns: Array<{ keys: Map<unknown, unknown> | null }> })
      .columns[0]?.keys
    expect(held).not.toBeNull()
    expect(held!.size).toBeLessThanOrEqual(10_000)
  })
})
