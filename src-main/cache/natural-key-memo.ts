import { naturalKeyOf } from './natural-key'

/** Values a column is tried on before its memo is kept or given up. */
const TRIAL = 1000
/** Past this many distinct values a memo starts afresh: it never grows with the set. */
const MOST_REMEMBERED = 10_000

interface ColumnMemo {
  keys: Map<unknown, string | null> | null
  asked: number
  found: number
}

/**
 * The natural-order keys of one write's rows, remembered per value for the columns whose values
 * repeat: 62.5k nodes name only 250 clusters and a few images, so most of their keys are a
 * lookup instead of a fold (about half of the key work of a large set). A column whose values
 * turn out mostly distinct (names, addresses) stops being remembered after its first
 * TRIAL values, so it costs no more than computing every key.
 */
export class NaturalKeyMemo {
  private readonly columns: ColumnMemo[]

  constructor(count: number) {
    this.columns = Array.from({ length: count }, () => ({ keys: new Map(), asked: 0, found: 0 }))
  }

  /** The key of `value` in the `column`-th naturally sorted column. */
  keyOf(column: number, value: unknown): string | null {
    const memo = this.columns[column]
    if (!memo?.keys) return naturalKeyOf(value)
    memo.asked++
    const known = memo.keys.get(value)
    if (known !== undefined) {
      memo.found++
      return known
    }
    const key = naturalKeyOf(value)
    if (memo.asked === TRIAL && memo.found * 2 < TRIAL) memo.keys = null
    else {
      if (memo.keys.size >= MOST_REMEMBERED) memo.keys.clear()
      memo.keys.set(value, key)
    }
    return key
  }
}
