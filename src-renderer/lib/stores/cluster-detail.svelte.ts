import type { AgentEvent, MethodOutput } from '../../../src-main/agent/contract'
import type { BerthApi } from '../api/client'
import { LiveQuery } from './live-query.svelte'
import type { ClusterRef } from './navigation.svelte'

export type ClusterDetailValue = MethodOutput<'clusters.get'>

/** Which events can change what `clusters.get` answers for this cluster. */
const KINDS = new Set(['clusters', 'networks', 'nodes'])

/**
 * One cluster and its network, kept live: re-read when its account's clusters, networks or nodes
 * change, or the account itself does (freshness). `gone` once the agent no longer knows it.
 */
export class ClusterDetail {
  readonly ref: ClusterRef
  readonly #query: LiveQuery<ClusterDetailValue>

  constructor(api: BerthApi, ref: ClusterRef) {
    this.ref = ref
    const relevant = (event: AgentEvent): boolean =>
      (event.type === 'account' && event.account.id === ref.accountId) ||
      (event.type === 'changed' && event.accountId === ref.accountId && KINDS.has(event.kind))
    this.#query = new LiveQuery(api, {
      fetch: () => api.call('clusters.get', { accountId: ref.accountId, cluster: ref.name }),
      relevant
    })
  }

  get value(): ClusterDetailValue | null {
    return this.#query.value
  }
  get error() {
    return this.#query.error
  }
  /** The cluster was deleted (or never existed): the agent answered `not-found`. */
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
