/** The fields of Cycle images and sources that the sandbox API tests read. */
export interface Item {
  id: string
  name: string
  size: number
  state: { current: string; error?: { message: string; time: string } }
  source: { details: { id: string } }
  creator: { id: string; type: string }
  events: { created: string; deleted: string }
  meta?: Record<string, { total: number; state: Record<string, number> }>
}

/** A Cycle root document: `data`, with `includes` when they were asked for. */
export type Doc<T> = { data: T; includes?: Record<string, Record<string, unknown>> }
