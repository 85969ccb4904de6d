/** A row's brief (see `tables[kind].brief`): record field → value. */
export type Brief = Readonly<Record<string, unknown>>

/** What one write did to an account's set of one resource. */
export interface WriteSummary {
  inserted: number
  updated: number
  removed: number
  unchanged: number
  /** Updated rows whose brief changed, before and after (kinds with a brief only). */
  changed: Array<{ key: string; before: Brief; after: Brief }>
  /** Removed rows as they last were (kinds with a brief only). */
  gone: Array<{ key: string; before: Brief }>
}

export const emptySummary = (): WriteSummary => ({
  inserted: 0,
  updated: 0,
  removed: 0,
  unchanged: 0,
  changed: [],
  gone: []
})
