import { CreateSource, parseBody, UpdateSource } from './bodies'
import { NEEDS } from './capabilities'
import { startDeletion } from './delete-run'
import { iso, objectId } from './ids'
import { root, sourceIncludes, withSourceMeta } from './includes'
import { descriptorOf } from './job-factory'
import { filterList, matchesSearch, paged, parseListQuery, sorted } from './listing'
import { findSource, isGone, newSource } from './model'
import { creatorOf, ok } from './route'
import type { RequestContext, Route } from './route'

function listSources(ctx: RequestContext) {
  const { state } = ctx.engine
  const query = parseListQuery(ctx.query)
  const states = filterList(query, 'state')
  const identifiers = filterList(query, 'identifier')
  const sources = state.sources.filter((source) => {
    const origin = source.origin
    const target = 'details' in origin && 'target' in origin.details ? origin.details.target : ''
    return (
      !isGone(source) &&
      (states?.has(source.state.current) ?? true) &&
      (identifiers?.has(source.identifier) ?? true) &&
      matchesSearch(query, [source.id, source.name, source.identifier, target])
    )
  })
  const page = paged(sorted(sources, query, '-events.created'), query)
  const data = page.map((source) => withSourceMeta(state, source, query))
  return ok(root(data, sourceIncludes(state, page, query)))
}

function getSource(ctx: RequestContext) {
  const { state } = ctx.engine
  const query = parseListQuery(ctx.query)
  const source = findSource(state, ctx.params.sourceId ?? '')
  return ok(root(withSourceMeta(state, source, query), sourceIncludes(state, [source], query)))
}

function createSource(ctx: RequestContext) {
  const { engine } = ctx
  const body = parseBody(CreateSource, ctx.body)
  const now = engine.now()
  const source = newSource(engine.state, {
    id: objectId(now, engine.rand),
    type: body.type,
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.identifier === undefined ? {} : { identifier: body.identifier }),
    origin: body.origin,
    ...(body.about === undefined ? {} : { about: body.about }),
    creator: creatorOf(ctx),
    now
  })
  engine.state.sources.push(source)
  engine.emit([{ topic: 'image.source.created', id: source.id, state: source.state.current }])
  return ok({ data: source }, 201)
}

function updateSource(ctx: RequestContext) {
  const { engine } = ctx
  const source = findSource(engine.state, ctx.params.sourceId ?? '')
  const body = parseBody(UpdateSource, ctx.body)
  if (body.name !== undefined) source.name = body.name
  // null clears a custom identifier: it falls back to the id, which is always unique.
  if (body.identifier !== undefined) source.identifier = body.identifier ?? source.id
  if (body.origin !== undefined) source.origin = body.origin
  if (body.about !== undefined) source.about = body.about
  source.events.updated = iso(engine.now())
  engine.emit([{ topic: 'image.source.updated', id: source.id }])
  return ok({ data: source })
}

function deleteSource(ctx: RequestContext) {
  const { engine } = ctx
  const source = findSource(engine.state, ctx.params.sourceId ?? '')
  const run = startDeletion(engine.state, {
    caption: 'Delete Image Source',
    header: 'image.source.delete',
    input: { id: source.id },
    select: () => [{ kind: 'source', item: source }],
    creator: creatorOf(ctx),
    now: engine.now(),
    rand: engine.rand
  })
  engine.launch(run)
  return ok({ data: descriptorOf(run.job, 'delete') }, 202)
}

const VIEW = NEEDS.sourcesView
const MANAGE = NEEDS.sourcesManage

export const SOURCE_ROUTES: Route[] = [
  { method: 'GET', path: '/v1/images/sources', access: VIEW, handle: listSources },
  { method: 'POST', path: '/v1/images/sources', access: MANAGE, handle: createSource },
  { method: 'GET', path: '/v1/images/sources/:sourceId', access: VIEW, handle: getSource },
  { method: 'PATCH', path: '/v1/images/sources/:sourceId', access: MANAGE, handle: updateSource },
  { method: 'DELETE', path: '/v1/images/sources/:sourceId', access: MANAGE, handle: deleteSource }
]
