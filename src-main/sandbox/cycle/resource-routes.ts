import { startDeletion } from './delete-run'
import type { DeletionSpec } from './delete-run'
import { objectId } from './ids'
import { root } from './includes'
import { descriptorOf } from './job-factory'
import type { ListQuery } from './listing'
import { paged, parseListQuery, sorted } from './listing'
import { creatorOf, ok } from './route'
import type { Reply, RequestContext } from './route'
import type { CreatorScope, CycleState, JobDescriptor, Topic } from './types'

/** How a resource kind goes out: its `meta=` copy and its root `includes`. */
export interface ResourceView<T> {
  withMeta(state: CycleState, item: T, query: ListQuery): T
  includes(
    state: CycleState,
    items: readonly T[],
    query: ListQuery
  ): Record<string, unknown> | undefined
}

/** One page of already-filtered resources, newest first unless `sort=` says otherwise. */
export function listReply<T extends { id: string }>(
  state: CycleState,
  query: ListQuery,
  items: T[],
  view: ResourceView<T>
): Reply {
  const page = paged(sorted(items, query, '-events.created'), query)
  const data = page.map((item) => view.withMeta(state, item, query))
  return ok(root(data, view.includes(state, page, query)))
}

/** A single resource, with the same `include=` and `meta=` handling as its list. */
export function getReply<T>(
  ctx: RequestContext,
  find: (state: CycleState, id: string) => T,
  param: string,
  view: ResourceView<T>
): Reply {
  const { state } = ctx.engine
  const query = parseListQuery(ctx.query)
  const item = find(state, ctx.params[param] ?? '')
  return ok(root(view.withMeta(state, item, query), view.includes(state, [item], query)))
}

/** Starts and launches a deletion job attributed to the caller; answers its descriptor. */
export function launchDeletion(
  ctx: RequestContext,
  action: string,
  spec: Omit<DeletionSpec, 'creator' | 'now' | 'rand'>
): JobDescriptor {
  const { engine } = ctx
  const run = startDeletion(engine.state, {
    ...spec,
    creator: creatorOf(ctx),
    now: engine.now(),
    rand: engine.rand
  })
  engine.launch(run)
  return descriptorOf(run.job, action)
}

/** What every new resource is stamped with: a fresh id, the caller, the time. */
export interface Stamp {
  id: string
  creator: CreatorScope
  now: number
}

/** Makes a stamped resource, stores it, announces it under `topic` and answers 201. */
export function createReply<T extends { id: string; state: { current: string } }>(
  ctx: RequestContext,
  collection: T[],
  topic: Topic,
  make: (stamp: Stamp) => T
): Reply {
  const { engine } = ctx
  const now = engine.now()
  const item = make({ id: objectId(now, engine.rand), creator: creatorOf(ctx), now })
  collection.push(item)
  engine.emit([{ topic, id: item.id, state: item.state.current }])
  return ok({ data: item }, 201)
}
