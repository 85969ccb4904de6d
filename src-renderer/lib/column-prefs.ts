import type { ColumnPrefs } from '@contract'

/** What arranging needs of a column: its id (the rest rides along). */
interface HasId {
  id: string
}

/** One line of the Columns menu: a column, where it stands, and whether it shows. */
export interface ColumnChoice<C extends HasId> {
  column: C
  shown: boolean
  /** The first column (the name) names the row: it cannot be hidden. */
  locked: boolean
}

export const NO_PREFS: ColumnPrefs = { hidden: [], order: [] }

/**
 * The columns in the user's order, hidden ones included: those the order names come first, in
 * its order; the rest (new columns, or none arranged yet) keep their own order after them. Ids of
 * columns that no longer exist are passed over.
 */
export function orderedColumns<C extends HasId>(
  columns: readonly C[],
  prefs: ColumnPrefs = NO_PREFS
): C[] {
  const byId = new Map(columns.map((c) => [c.id, c]))
  const named = [...new Set(prefs.order)].flatMap((id) => byId.get(id) ?? [])
  const placed = new Set(named.map((c) => c.id))
  return [...named, ...columns.filter((c) => !placed.has(c.id))]
}

/** Every column, in order, with whether it shows: what the Columns menu lists. */
export function columnChoices<C extends HasId>(
  columns: readonly C[],
  prefs: ColumnPrefs = NO_PREFS
): ColumnChoice<C>[] {
  const locked = columns[0]?.id
  const hidden = new Set(prefs.hidden)
  return orderedColumns(columns, prefs).map((column) => ({
    column,
    locked: column.id === locked,
    shown: column.id === locked || !hidden.has(column.id)
  }))
}

/** The columns the table draws: in the user's order, without the hidden ones. */
export function visibleColumns<C extends HasId>(
  columns: readonly C[],
  prefs: ColumnPrefs = NO_PREFS
): C[] {
  return columnChoices(columns, prefs)
    .filter((c) => c.shown)
    .map((c) => c.column)
}

/** Shows or hides one column; the first column always shows. */
export function setShown(
  columns: readonly HasId[],
  prefs: ColumnPrefs,
  id: string,
  shown: boolean
): ColumnPrefs {
  if (columns[0]?.id === id || !columns.some((c) => c.id === id)) return prefs
  const others = prefs.hidden.filter((h) => h !== id)
  return { ...prefs, hidden: shown ? others : [...others, id] }
}

/**
 * Moves one column a place up (-1) or down (+1) among all of them, hidden ones included; the
 * whole order is written down, so it no longer depends on the defaults.
 */
export function moveColumn(
  columns: readonly HasId[],
  prefs: ColumnPrefs,
  id: string,
  by: -1 | 1
): ColumnPrefs {
  const order = orderedColumns(columns, prefs).map((c) => c.id)
  const from = order.indexOf(id)
  const to = from + by
  if (from < 0 || to < 0 || to >= order.length) return prefs
  ;[order[from], order[to]] = [order[to]!, order[from]!]
  return { ...prefs, order }
}

/** Back to the view's own columns and order. */
export const resetColumns = (): ColumnPrefs => NO_PREFS

/** A list's id in the settings, from its query: `cycleImages.list` is "cycle-images". */
export function listIdOf(method: string): string {
  const noun = method.replace(/\.list$/, '')
  return noun.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}
