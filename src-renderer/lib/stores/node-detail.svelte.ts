import type { MethodOutput } from '@contract'
import type { BerthApi } from '../api/client'
import { LiveItem } from './live-item.svelte'

/** Which node a detail shows: node names are unique per account. */
export interface NodeRef {
  accountId: string
  name: string
}

export type NodeDetailValue = MethodOutput<'nodes.get'>

/** One node with every field the server sent, re-read when its account's nodes change. */
export class NodeDetail extends LiveItem<NodeDetailValue> {
  constructor(
    api: BerthApi,
    readonly ref: NodeRef
  ) {
    super(api, ref.accountId, ['nodes'], () =>
      api.call('nodes.get', { accountId: ref.accountId, name: ref.name })
    )
  }
}
