import { SvelteMap } from 'svelte/reactivity'

/** One page of a list query, as the agent answers it. */
export interface KeyPage<Row> {
  items: readonly Row[]
  total: number
}

/** How a click changes the selection: Shift extends a range, Ctrl/Cmd (or a checkbox) toggles. */
export interface ClickMods {
  shift: boolean
}

/**
 * Rows picked for a bulk action, held by key (account and name or id), never by index: a list is
 * virtualized and re-queried, so an index means another row after any change. The rows kept are
 * the newest seen, so a bulk action reads their current state.
 */
export class Selection<Row> {
  readonly #rows = new SvelteMap<string, Row>()
  readonly keyOf: (row: Row) => string
  /** Where the last plain toggle was: a Shift+click selects from here. */
  #anchor: number | null = null

  constructor(keyOf: (row: Row) => string) {
    this.keyOf = keyOf
  }

  get size(): number {
    return this.#rows.size
  }

  /** The selected rows, in the order they were picked. */
  get rows(): Row[] {
    return [...this.#rows.values()]
  }

  has(row: Row): boolean {
    return this.#rows.has(this.keyOf(row))
  }

  toggle(row: Row, index?: number): void {
    const key = this.keyOf(row)
    if (this.#rows.has(key)) this.#rows.delete(key)
    else this.#rows.set(key, row)
    if (index !== undefined) this.#anchor = index
  }

  /** A click on a row's box (or Ctrl/Cmd+click on the row): toggles it, or Shift extends a range. */
  click(row: Row, index: number, mods: ClickMods, rowAt: (index: number) => Row | undefined): void {
    if (mods.shift && this.#anchor !== null) this.selectRange(this.#anchor, index, rowAt)
    else this.toggle(row, index)
  }

  /** Selects every row from `from` to `to` (either order); rows not loaded yet are skipped. */
  selectRange(from: number, to: number, rowAt: (index: number) => Row | undefined): void {
    const [lo, hi] = from <= to ? [from, to] : [to, from]
    for (let i = lo; i <= hi; i++) {
      const row = rowAt(i)
      if (row !== undefined) this.#rows.set(this.keyOf(row), row)
    }
    this.#anchor = to
  }

  /** Adds rows (those on screen, or every match). */
  add(rows: Iterable<Row>): void {
    for (const row of rows) this.#rows.set(this.keyOf(row), row)
  }

  /** True when every one of `rows` is selected (and there is at least one). */
  covers(rows: readonly Row[]): boolean {
    return rows.length > 0 && rows.every((row) => this.has(row))
  }

  /** The header's box over `rows` (those on screen): ticked, mixed, and what a click does. */
  boxFor(rows: readonly Row[]): { checked: boolean; mixed: boolean; toggle: () => void } {
    const all = this.covers(rows)
    return {
      checked: all,
      mixed: !all && rows.some((row) => this.has(row)),
      toggle: () => (all ? this.remove(rows) : this.add(rows))
    }
  }

  /** Drops `rows` from the selection. */
  remove(rows: Iterable<Row>): void {
    for (const row of rows) this.#rows.delete(this.keyOf(row))
  }

  /** A re-queried row replaces the one held under its key (its state may have changed). */
  refresh(row: Row): void {
    const key = this.keyOf(row)
    if (this.#rows.has(key)) this.#rows.set(key, row)
  }

  /**
   * Selects every row matching the list's query: asks the agent page by page (the same method and
   * query the list shows, `page(offset)`), so rows never scrolled into view are included.
   */
  async selectAllMatching(
    page: (offset: number) => Promise<KeyPage<Row>>,
    limit = 100_000
  ): Promise<void> {
    const found: Row[] = []
    for (let offset = 0; offset < limit;) {
      const answer = await page(offset)
      found.push(...answer.items)
      offset += answer.items.length
      if (answer.items.length === 0 || offset >= answer.total) break
    }
    this.add(found)
  }

  clear(): void {
    this.#rows.clear()
    this.#anchor = null
  }

  /** A new search or sort: row indexes mean other rows, so a range starts afresh. */
  forgetAnchor(): void {
    this.#anchor = null
  }
}
