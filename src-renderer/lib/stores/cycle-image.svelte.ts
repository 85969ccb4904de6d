import type { MethodOutput } from '@contract'
import type { BerthApi } from '../api/client'
import { LiveItem } from './live-item.svelte'
import type { CycleImageRef } from './navigation.svelte'

export type CycleImageValue = MethodOutput<'cycleImages.get'>

/** One Cycle image with its config and build arguments, re-read when its hub's images change. */
export class CycleImageDetail extends LiveItem<CycleImageValue> {
  constructor(
    api: BerthApi,
    readonly ref: CycleImageRef
  ) {
    super(api, ref.accountId, ['cycleImages'], () =>
      api.call('cycleImages.get', { accountId: ref.accountId, imageId: ref.imageId })
    )
  }
}
