import { untrack } from 'svelte'
import type { AppError } from '@contract'
import type { BerthApi } from '../api/client'
import { splitLines } from '../log-window'
import type { CycleImageRef } from './navigation.svelte'

/**
 * An image's build log as the agent has it. Asking with `refresh` makes an online agent fetch a
 * fresh copy first; offline it answers with the cached one, or an error if it never had one.
 * The log is split into lines once per answer, so the viewer only ever slices an array.
 */
export class BuildLog {
  readonly ref: CycleImageRef
  /** Null until the first answer. */
  lines = $state.raw<string[] | null>(null)
  fetchedAt = $state<number | null>(null)
  /** The log's own events (created, updated…), as the hub sent them. */
  events = $state.raw<Record<string, string>>({})
  error = $state.raw<AppError | null>(null)
  loading = $state(false)

  readonly #api: BerthApi
  #latest = 0

  constructor(api: BerthApi, ref: CycleImageRef) {
    this.#api = api
    this.ref = ref
  }

  load(refresh = true): void {
    untrack(() => {
      const ticket = ++this.#latest
      this.loading = true
      const { accountId, imageId } = this.ref
      void this.#api
        .call('cycleImages.buildLog', { accountId, imageId, refresh })
        .then((result) => {
          if (ticket !== this.#latest) return
          this.loading = false
          if (!result.ok) {
            this.error = result.error
            return
          }
          this.error = null
          this.lines = splitLines(result.value.log)
          this.fetchedAt = result.value.fetchedAt
          this.events = result.value.events ?? {}
        })
    })
  }

  /** Drops any answer still on its way (the viewer is going away). */
  stop(): void {
    this.#latest++
  }
}
