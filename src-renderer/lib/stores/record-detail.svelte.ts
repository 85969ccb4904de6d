import type { MethodOutput } from '@contract'
import type { BerthApi } from '../api/client'
import type { RecordKind } from '../record-fields'
import { LiveItem } from './live-item.svelte'

/** Which row a panel shows: its kind, account and cache key. */
export interface RecordRef {
  kind: RecordKind
  accountId: string
  key: string
}

export type RecordDetailValue = MethodOutput<'records.get'>

/** One row with every field the server sent, re-read when its account's rows of that kind change. */
export class RecordDetailItem extends LiveItem<RecordDetailValue> {
  constructor(
    api: BerthApi,
    readonly ref: RecordRef
  ) {
    super(api, ref.accountId, [ref.kind], () =>
      api.call('records.get', { kind: ref.kind, accountId: ref.accountId, key: ref.key })
    )
  }
}
