import type { Counted } from './row-counts'

/** How one resource is listed: which SQL yields contract-shaped rows and what may sort or match. */
export interface ListSpec<Field extends string> {
  resource: string
  /** SELECT list whose aliases are the contract's field names. */
  select: string
  /** The table aliased `t`, with any joins the SELECT list needs. */
  from: string
  /** The table itself and the column that, with account_id, identifies a row. */
  table: string
  key: 'name' | 'key'
  /** Contract sort field → SQL expression (a whitelist: nothing else reaches ORDER BY). */
  sortable: Record<Field, string>
  searchable: readonly string[]
  /** Columns that make the order total; all of them follow the sort's direction. */
  tiebreak: readonly string[]
  /** Which way the list runs when no sort is asked for (default ascending). */
  defaultDir?: 'asc' | 'desc'
  /**
   * For tables that grow to 100,000s of rows (migration 5): the index that walks each sort, the
   * filter columns kept in row_counts, and a trigram index (`<table>_fts` over `<table>_search`).
   * Without it a list is small enough to be sorted whole.
   */
  large?: {
    /** Sort field (or '' for no sort) → the index ordered by it and then the tiebreak. */
    indexes: Record<Field | '', string>
    counted: Counted
    /** The table's own searched columns, as its trigram index holds them (migration 5). */
    indexed: readonly string[]
    /** Rows matched through another table (one LIKE parameter), yielding (account_id, key). */
    alsoMatching?: string
  }
  /** Turns a selected row into the contract's shape when SQL alone cannot (JSON columns). */
  map?: (row: Record<string, unknown>) => unknown
}

export interface ListRequest<Field extends string> {
  accountId?: string | undefined
  search?: string | undefined
  sort?: { field: Field; dir: 'asc' | 'desc' } | undefined
  offset: number
  limit: number
  /** Extra equality filters: SQL column → value. */
  where?: Record<string, string | undefined>
  /**
   * Filters no equality says (failed images), as SQL over `t` written by the list's own module,
   * never from input. Not kept in row_counts: such a list is counted by its own statement.
   */
  conditions?: readonly string[]
}
