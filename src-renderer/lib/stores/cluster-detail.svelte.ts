import type { MethodOutput } from '@contract'
import type { BerthApi } from '../api/client'
import { LiveItem } from './live-item.svelte'
import type { ClusterRef } from './navigation.svelte'

export type ClusterDetailValue = MethodOutput<'clusters.get'>

/** One cluster and its network, re-read when its account's clusters, networks or nodes change. */
export class ClusterDetail extends LiveItem<ClusterDetailValue> {
  constructor(
    api: BerthApi,
    readonly ref: ClusterRef
  ) {
    super(api, ref.accountId, ['clusters', 'networks', 'nodes'], () =>
      api.call('clusters.get', { accountId: ref.accountId, cluster: ref.name })
    )
  }
}
