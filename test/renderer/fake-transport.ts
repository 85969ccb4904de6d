import type { AgentEvent, JobView, MethodName, Result, SettingsPatch } from '@contract'
import { applySettingsPatch } from '@contract'
import { createApi, type BerthApi } from '../../src-renderer/lib/api/client'
import type { Transport } from '../../src-renderer/lib/api/transport'
import type { ListMethod } from '../../src-renderer/lib/stores/resource-list.svelte'
import {
  account,
  appInfo,
  CLUSTERS,
  cluster,
  cycleImage,
  cycleJob,
  cycleSource,
  image,
  loadBalancer,
  network,
  node,
  OFFLINE,
  page,
  pod,
  service,
  settings,
  SYNCED_AT
} from './fixtures'

export * from './fixtures'

export interface Call {
  method: MethodName
  input: Record<string, unknown>
}

/** Answers one method; may return a promise to control when the answer arrives. */
export type Handler = (input: Record<string, unknown>) => Result<unknown> | Promise<Result<unknown>>

/**
 * A stand-in for the agent: records every call, answers from per-method handlers (canned
 * defaults), and lets a test push events and drop or restore the link.
 */
export class FakeTransport implements Transport {
  readonly calls: Call[] = []
  readonly handlers: Partial<Record<MethodName, Handler>>
  #listeners = new Set<(event: AgentEvent) => void>()
  #linkListeners = new Set<(up: boolean) => void>()
  #up = true

  constructor(handlers: Partial<Record<MethodName, Handler>> = {}) {
    this.handlers = { ...defaultHandlers(), ...handlers }
  }

  invoke(method: string, input: unknown): Promise<Result<unknown>> {
    const call = { method: method as MethodName, input: (input ?? {}) as Record<string, unknown> }
    this.calls.push(call)
    const handler = this.handlers[call.method]
    if (!handler) return Promise.resolve(failure('unknown-method', `No handler for ${method}`))
    return Promise.resolve(handler(call.input))
  }

  subscribe(listener: (event: AgentEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  onLink(listener: (up: boolean) => void): () => void {
    this.#linkListeners.add(listener)
    listener(this.#up)
    return () => this.#linkListeners.delete(listener)
  }

  emit(event: AgentEvent): void {
    for (const l of this.#listeners) l(event)
  }

  setLink(up: boolean): void {
    this.#up = up
    for (const l of this.#linkListeners) l(up)
  }

  /** Calls to one method, oldest first. */
  callsTo(method: MethodName): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input)
  }

  /**
   * Page queries of a list method, leaving out the navigation's one-row count queries.
   */
  listCalls(method: ListMethod): Record<string, unknown>[] {
    return this.callsTo(method).filter((input) => input.limit !== 1)
  }

  lastListCall(method: ListMethod): Record<string, unknown> {
    const calls = this.listCalls(method)
    const last = calls[calls.length - 1]
    if (!last) throw new Error(`no ${method} page query was made`)
    return last
  }
}

export function fakeApi(handlers: Partial<Record<MethodName, Handler>> = {}): {
  api: BerthApi
  transport: FakeTransport
} {
  // Each app a test mounts opens in a fresh tab: the address the last test left (the router
  // keeps the place in it) would otherwise be where this one starts. It opens on the Nodes list,
  // where most tests start (an empty address opens the Overview).
  history.replaceState(null, '', '/#/nodes')
  const transport = new FakeTransport(handlers)
  return { api: createApi(transport), transport }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export const failure = (
  code: 'unavailable' | 'internal' | 'unknown-method' | 'not-found' | 'invalid-request',
  message: string
): Result<never> => ({ ok: false, error: { code, message, retryable: code === 'unavailable' } })

/** What the agent answers while its one qbo account is offline: so it says, and no kubeconfig. */
export const offlineKubeconfig = (): Partial<Record<MethodName, Handler>> => ({
  'accounts.list': () => ok([account({ status: OFFLINE })]),
  'clusters.kubeconfig': () => failure('unavailable', 'sandbox is offline')
})

/** A promise the test settles by hand, to control the order answers arrive in. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/**
 * Runs every promise callback already queued: a zero-delay macrotask comes after all microtasks.
 * For proving something did NOT happen, where there is nothing to wait for.
 */
export const flushPromises = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

function defaultHandlers(): Partial<Record<MethodName, Handler>> {
  // The saved settings: updates apply to them, as the agent's do.
  let saved = settings()
  return {
    'accounts.list': () => ok([account()]),
    'accounts.reconnect': () => ok(null),
    'nodes.list': (input) =>
      ok(page([node(1), node(2), node(3)].slice(0, Number(input.limit ?? 100)), 3)),
    'nodes.clusters': () => ok(CLUSTERS),
    'images.list': () => ok(page([image(1), image(2)])),
    'networks.list': () => ok(page([network(1)])),
    'clusters.list': () => ok(page([cluster(1), cluster(2, { state: 'stopped', readyCount: 0 })])),
    'clusters.get': (input) => {
      const found = [cluster(1), cluster(2, { state: 'stopped', readyCount: 0 })].find(
        (c) => c.name === input.cluster
      )
      return found
        ? ok({ cluster: found, network: network(1, { name: found.name }) })
        : failure('not-found', `No cluster ${String(input.cluster)}`)
    },
    'pods.list': () => ok(page([pod(1), pod(2)])),
    'services.list': () => ok(page([service(1)])),
    'loadBalancers.list': () => ok(page([loadBalancer(1)])),
    'cycleImages.list': () => ok(page([cycleImage(1), cycleImage(2)])),
    'cycleSources.list': () => ok(page([cycleSource(1), cycleSource(2)])),
    'cycleJobs.list': () => ok(page([cycleJob('job1')])),
    'cycleImages.get': (input) =>
      ok({
        image: cycleImage(1, { id: String(input.imageId) }),
        config: null,
        buildArgs: {},
        raw: {}
      }),
    'cycleImages.buildLog': (input) =>
      ok({ imageId: String(input.imageId), log: 'step 1\nstep 2\n', fetchedAt: SYNCED_AT }),
    'jobs.list': () => ok(page<JobView>([])),
    'jobs.log': () => ok([]),
    'jobs.discard': () => ok(null),
    'settings.get': () => ok(saved),
    'settings.update': (patch) => {
      saved = applySettingsPatch(saved, patch as SettingsPatch)
      return ok(saved)
    },
    'app.info': () => ok(appInfo()),
    'cache.clear': () => ok(null),
    'notifications.list': () => ok({ items: [], unread: 0 }),
    'notifications.markRead': () => ok(null),
    'notifications.clear': () => ok(null)
  }
}
