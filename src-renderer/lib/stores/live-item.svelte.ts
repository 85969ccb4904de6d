import type { AgentEvent, AppError, ResourceKind, Result } from '@contract'
import type { BerthApi } from '../api/client'
import { LiveQuery } from './live-query.svelte'

/**
 * One item of an account (a cluster, an image), kept live: re-read when the account changes
 * (freshness) or one of the given kinds of its resources does. `gone` once the agent no longer
 * knows it.
 */
export class LiveItem<T> {
  readonly #query: LiveQuery<T>

  constructor(
    api: BerthApi,
    accountId: string,
    kinds: readonly ResourceKind[],
    fetch: () => Promise<Result<T>>
  ) {
    const relevant = (event: AgentEvent): boolean =>
      (event.type === 'account' && event.account.id === accountId) ||
      (event.type === 'changed' && event.accountId === accountId && kinds.includes(event.kind))
    this.#query = new LiveQuery(api, { fetch, relevant })
  }

  get value(): T | null {
    return this.#query.value
  }
  get error(): AppError | null {
    return this.#query.error
  }
  /** Deleted (or never there): the agent answered `not-found`. */
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
