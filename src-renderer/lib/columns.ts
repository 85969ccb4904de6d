import type { Tone } from './state-tone'

/** How one table column reads its cell from a row, and whether the agent can sort by it. */
export interface Column<Row, Field extends string = string> {
  id: string
  label: string
  value: (row: Row) => string | number
  /** The agent's sort field for this column; without it the header is not clickable. */
  sortField?: Field
  /**
   * `badge` draws a state badge, `number` right-aligns, `mono` is for addresses and ids, `time`
   * reads a time (ms or the server's ISO text) as RelativeTime does: "3 min ago".
   */
  kind?: 'text' | 'badge' | 'number' | 'mono' | 'time'
  /** A tooltip for the cell, e.g. the exact value behind a shortened one. */
  title?: (row: Row) => string | undefined
  /** For `badge` columns whose states read differently from nodes' (clusters, jobs). */
  tone?: (state: string) => Tone
  /** For `badge` columns whose colour depends on more of the row than the state (an error). */
  rowTone?: (row: Row) => Tone
  /**
   * Below which table width the column gives way (ResourceTable): `sm` 460px, `md` 640px, `lg`
   * 900px; `never` keeps it. Unset: the first column and badges stay, the later ones go first.
   */
  hideBelow?: 'sm' | 'md' | 'lg' | 'never'
}
