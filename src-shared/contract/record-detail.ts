import { z } from 'zod'
import { AccountView } from './records'

/**
 * One cached row of any kind, by its cache key: its columns (camel-cased, as the list sends them)
 * and every field the server sent for it, as it sent them.
 */
export const RecordDetail = z.object({
  // The kinds an account syncs (records.ts keeps that enum to itself).
  kind: AccountView.shape.unsupported.unwrap().element,
  key: z.string(),
  row: z.record(z.string(), z.unknown()),
  raw: z.record(z.string(), z.unknown())
})
export type RecordDetail = z.infer<typeof RecordDetail>
