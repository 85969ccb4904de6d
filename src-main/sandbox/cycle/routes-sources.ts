import { CreateSource, parseBody, UpdateSource } from './bodies'
import { NEEDS } from './capabilities'
import { iso } from './ids'
import { sourceIncludes, withSourceMeta } from './includes'
import { filterList, matchesSearch, parseListQuery } from './listing'
import { findSource, isGone, newSource } from './model'
import { createReply, getReply, launchDeletion, listReply } from './resource-routes'
import type { ResourceView } from './resource-routes'
import { ok } from './route'
import type { RequestContext, Route } from './route'
import type { ImageSource } from './types'

const VIEW_SOURCE: ResourceView<ImageSource> = {
  withMeta: withSourceMeta,
  includes: sourceIncludes
}

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
  return listReply(state, query, sources, VIEW_SOURCE)
}

function getSource(ctx: RequestContext) {
  return getReply(ctx, findSource, 'sourceId', VIEW_SOURCE)
}

function createSource(ctx: RequestContext) {
  const { state } = ctx.engine
  const body = parseBody(CreateSource, ctx.body)
  return createReply(ctx, state.sources, 'image.source.created', (stamp) =>
    newSource(state, {
      ...stamp,
      type: body.type,
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.identifier === undefined ? {} : { identifier: body.identifier }),
      origin: body.origin,
      ...(body.about === undefined ? {} : { about: body.about })
    })
  )
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
  const source = findSource(ctx.engine.state, ctx.params.sourceId ?? '')
  const descriptor = launchDeletion(ctx, 'delete', {
    caption: 'Delete Image Source',
    header: 'image.source.delete',
    input: { id: source.id },
    select: () => [{ kind: 'source', item: source }]
  })
  return ok({ data: descriptor }, 202)
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
