import type { AgentEvent, AppError, MethodOutput } from '../../../src-main/agent/contract'
import type { BerthApi } from '../api/client'
import { LiveQuery } from './live-query.svelte'
import type { CycleImageRef } from './navigation.svelte'

export type CycleImageValue = MethodOutput<'cycleImages.get'>

/**
 * One Cycle image with its config and build arguments, kept live: re-read when its hub's images
 * change or the account itself does (freshness). `gone` once the agent no longer knows it.
 */
export class CycleImageDetail {
  readonly ref: CycleImageRef
  readonly #query: LiveQuery<CycleImageValue>

  constructor(api: BerthApi, ref: CycleImageRef) {
    this.ref = ref
    const relevant = (event: AgentEvent): boolean =>
      (event.type === 'account' && event.account.id === ref.accountId) ||
      (event.type === 'changed' &&
        event.accountId === ref.accountId &&
        event.kind === 'cycleImages')
    this.#query = new LiveQuery(api, {
      fetch: () => api.call('cycleImages.get', { accountId: ref.accountId, imageId: ref.imageId }),
      relevant
    })
  }

  get value(): CycleImageValue | null {
    return this.#query.value
  }
  get error(): AppError | null {
    return this.#query.error
  }
  /** The image was deleted (or never existed): the agent answered `not-found`. */
  get gone(): boolean {
    return this.#query.error?.code === 'not-found'
  }

  start(): () => void {
    return this.#query.start()
  }

  reload(): void {
    this.#query.load()
  }
}
