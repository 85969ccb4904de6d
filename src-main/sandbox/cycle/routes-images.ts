import { CreateImage, ImagesTask, ImageTask, parseBody, UpdateImage } from './bodies'
import { NEEDS } from './capabilities'
import { pruneTargets } from './delete-run'
import { invalidInput, invalidState, notFound } from './errors'
import { iso } from './ids'
import { startImport } from './import-run'
import { imageIncludes, withImageMeta } from './includes'
import { descriptorOf } from './job-factory'
import { filterList, matchesSearch, parseListQuery } from './listing'
import { containersOf, findImage, findSource, isGone, newImage } from './model'
import { createReply, getReply, launchDeletion, listReply } from './resource-routes'
import type { ResourceView } from './resource-routes'
import { creatorOf, ok } from './route'
import type { RequestContext, Route } from './route'
import type { Image } from './types'

const VIEW_IMAGE: ResourceView<Image> = { withMeta: withImageMeta, includes: imageIncludes }

const BUSY = new Set(['uploading', 'downloading', 'building', 'verifying', 'saving', 'deleting'])

function listImages(ctx: RequestContext) {
  const { state } = ctx.engine
  const query = parseListQuery(ctx.query)
  const states = filterList(query, 'state')
  const sourceIds = filterList(query, 'source_id')
  const sourceTypes = filterList(query, 'source_type')
  const identifiers = filterList(query, 'identifier')
  const identifierOf = (image: Image) =>
    state.sources.find((s) => s.id === image.source.details.id)?.identifier ?? ''
  const searching = query.filter.has('search')
  const matches = (image: Image) => {
    const origin = image.source.details.origin
    const target = 'details' in origin && 'target' in origin.details ? origin.details.target : ''
    return matchesSearch(query, [image.id, image.name, target, image.source.override?.target])
  }
  const images = state.images.filter(
    (image) =>
      !isGone(image) &&
      (states?.has(image.state.current) ?? true) &&
      (sourceIds?.has(image.source.details.id) ?? true) &&
      (sourceTypes?.has(image.source.type) ?? true) &&
      (identifiers?.has(identifierOf(image)) ?? true) &&
      // Built only when searching: every page of a 50,000-image hub filters them all.
      (!searching || matches(image))
  )
  return listReply(state, query, images, VIEW_IMAGE)
}

function getImage(ctx: RequestContext) {
  return getReply(ctx, findImage, 'imageId', VIEW_IMAGE)
}

function createImage(ctx: RequestContext) {
  const { engine } = ctx
  const body = parseBody(CreateImage, ctx.body)
  const source = findSource(engine.state, body.source_id, '/source_id')
  if (source.type === 'stack-build') {
    throw invalidInput('/source_id', 'Images of a stack-build source come from its stack builds.')
  }
  const docker = source.origin.type === 'docker-hub' || source.origin.type === 'docker-registry'
  if (body.override?.target !== undefined && !docker) {
    throw invalidInput(
      '/override/target',
      'override.target needs a docker-hub or docker-registry source.'
    )
  }
  if (body.override?.targz_url !== undefined && source.origin.type !== 'docker-file') {
    throw invalidInput('/override/targz_url', 'override.targz_url needs a docker-file source.')
  }
  return createReply(ctx, engine.state.images, 'image.created', (stamp) =>
    newImage(engine.state, {
      ...stamp,
      ...(body.name === undefined ? {} : { name: body.name }),
      source,
      ...(body.override === undefined ? {} : { override: body.override }),
      ...(body.build === undefined ? {} : { build: body.build })
    })
  )
}

function updateImage(ctx: RequestContext) {
  const { engine } = ctx
  const image = findImage(engine.state, ctx.params.imageId ?? '')
  const body = parseBody(UpdateImage, ctx.body)
  if (body.name !== undefined) {
    image.name = body.name
    image.events.updated = iso(engine.now())
    engine.emit([{ topic: 'image.updated', id: image.id }])
  }
  return ok({ data: image })
}

function deleteImage(ctx: RequestContext) {
  const { engine } = ctx
  const image = findImage(engine.state, ctx.params.imageId ?? '')
  if (BUSY.has(image.state.current)) {
    throw invalidState(`Image ${image.id} is ${image.state.current}; wait until it settles.`)
  }
  const used = containersOf(engine.state, image.id).total
  if (used > 0) throw invalidState(`Image ${image.id} is used by ${used} container(s).`)
  const descriptor = launchDeletion(ctx, 'delete', {
    caption: 'Delete Image',
    header: 'image.delete',
    input: { id: image.id },
    select: () => [{ kind: 'image', item: image }]
  })
  return ok({ data: descriptor })
}

function buildLog(ctx: RequestContext) {
  const { state } = ctx.engine
  const image = findImage(state, ctx.params.imageId ?? '')
  const log = state.buildLogs.get(image.id)
  if (log === undefined) {
    throw notFound(
      '404.image.build-log',
      'Build log not found',
      'This image has not been imported yet.'
    )
  }
  return ok({ data: log })
}

function importImage(ctx: RequestContext) {
  const { engine } = ctx
  const image = findImage(engine.state, ctx.params.imageId ?? '')
  parseBody(ImageTask, ctx.body)
  const pending = engine.state.jobs.some(
    (job) =>
      job.tasks[0]?.header === 'image.import' &&
      job.tasks[0].input.id === image.id &&
      (job.state.current === 'queued' || job.state.current === 'running')
  )
  if (image.state.current !== 'new' || pending) {
    throw invalidState(
      `Image ${image.id} is ${pending ? 'being imported' : image.state.current}; only new images can be imported.`
    )
  }
  const failure = engine.takeFailure()
  const run = startImport(engine.state, image, {
    creator: creatorOf(ctx),
    now: engine.now(),
    rand: engine.rand,
    ...(failure === undefined ? {} : { failure })
  })
  engine.launch(run)
  return ok({ data: descriptorOf(run.job, 'import') })
}

function pruneImages(ctx: RequestContext) {
  const { engine } = ctx
  const body = parseBody(ImagesTask, ctx.body)
  body.contents.source_ids.forEach((id, i) =>
    findSource(engine.state, id, `/contents/source_ids/${i}`)
  )
  const descriptor = launchDeletion(ctx, 'prune', {
    caption: 'Prune Images',
    header: 'images.prune',
    input: { source_ids: body.contents.source_ids },
    select: (now) => pruneTargets(engine.state, body.contents.source_ids, now)
  })
  return ok({ data: descriptor }, 202)
}

const VIEW = NEEDS.imagesView
const MANAGE = NEEDS.imagesManage
const IMPORT = NEEDS.imagesImport

export const IMAGE_ROUTES: Route[] = [
  { method: 'GET', path: '/v1/images', access: VIEW, handle: listImages },
  { method: 'POST', path: '/v1/images', access: MANAGE, handle: createImage },
  { method: 'POST', path: '/v1/images/tasks', access: MANAGE, handle: pruneImages },
  { method: 'GET', path: '/v1/images/:imageId', access: VIEW, handle: getImage },
  { method: 'PATCH', path: '/v1/images/:imageId', access: MANAGE, handle: updateImage },
  { method: 'DELETE', path: '/v1/images/:imageId', access: MANAGE, handle: deleteImage },
  { method: 'GET', path: '/v1/images/:imageId/build-log', access: VIEW, handle: buildLog },
  { method: 'POST', path: '/v1/images/:imageId/tasks', access: IMPORT, handle: importImage }
]
