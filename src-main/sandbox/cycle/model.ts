import { emptyConfig } from './catalog'
import { notFound } from './errors'
import { events, iso } from './ids'
import type {
  CreatorScope,
  CycleState,
  Image,
  ImageOrigin,
  ImagesCount,
  ImageSource,
  Job,
  StateCount
} from './types'

export interface NewImage {
  id: string
  name?: string
  source: ImageSource
  override?: { target?: string; targz_url?: string }
  build?: { args?: Record<string, string>; use_disk?: boolean }
  /** For `stack-build` sources: the stack and the containers of it that run the image. */
  stack?: { stack_id: string; containers: string[] }
  creator: CreatorScope
  now: number
}

/** Fields an image keeps from the source it was made from. */
function sourceRef(spec: NewImage): Image['source'] {
  const origin = structuredClone(spec.source.origin)
  return {
    type: spec.source.type,
    details: { id: spec.source.id, ...(spec.stack ?? {}), origin },
    ...(spec.override === undefined ? {} : { override: { ...spec.override } })
  }
}

/** What `POST /v1/images` makes: a `new` shell that knows its source but not its contents. */
export function newImage(state: CycleState, spec: NewImage): Image {
  const origin = spec.source.origin
  const fallbackName =
    spec.override?.target ?? (origin.type === 'docker-hub' ? origin.details.target : undefined)
  return {
    id: spec.id,
    hub_id: state.hub.id,
    name: spec.name ?? fallbackName ?? spec.source.name,
    size: 0,
    about: { description: null },
    backend: { provider: '', size: 0, file_name: '', file_id: '' },
    requires: { nvidia_gpu: false },
    build:
      spec.build === undefined
        ? null
        : { args: spec.build.args ?? {}, use_disk: spec.build.use_disk ?? false },
    // A source built by an integration (e.g. Depot) builds its images there too.
    builder: builderOf(state, spec.source),
    config: emptyConfig(),
    source: sourceRef(spec),
    creator: spec.creator,
    factory: null,
    state: { current: 'new', changed: iso(spec.now) },
    events: events(spec.now)
  }
}

/** The integration a source names (by id or identifier), as the image's `builder`. */
function builderOf(state: CycleState, source: ImageSource): Image['builder'] {
  const wanted = source.builder?.integration_id
  if (wanted === undefined || wanted === null) return null
  const integration = state.integrations.find((i) => i.id === wanted || i.identifier === wanted)
  return integration === undefined ? null : { integration_id: integration.id }
}

export interface NewSource {
  id: string
  type: 'direct' | 'bucket'
  name?: string
  identifier?: string
  origin: ImageOrigin
  about?: { description: string | null }
  creator: CreatorScope
  now: number
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

export function newSource(state: CycleState, spec: NewSource): ImageSource {
  const origin = spec.origin
  const name =
    spec.name ??
    (origin.type === 'docker-hub' || origin.type === 'docker-registry'
      ? origin.details.target
      : 'image source')
  return {
    id: spec.id,
    identifier: spec.identifier ?? slug(name),
    type: spec.type,
    hub_id: state.hub.id,
    name,
    about: spec.about ?? { description: null },
    origin: structuredClone(origin),
    builder: null,
    creator: spec.creator,
    acl: null,
    state: { current: 'live', changed: iso(spec.now) },
    events: events(spec.now)
  }
}

export const isGone = (resource: { state: { current: string } }) =>
  resource.state.current === 'deleted'

export function findImage(state: CycleState, id: string): Image {
  const image = state.images.find((i) => i.id === id && !isGone(i))
  if (image === undefined) throw notFound('404.image', 'Image not found', `No image ${id}.`)
  return image
}

/** `pointer`: where a body named the id, for the error's `source`. */
export function findSource(state: CycleState, id: string, pointer?: string): ImageSource {
  const source = state.sources.find((s) => s.id === id && !isGone(s))
  if (source === undefined) {
    const error = notFound('404.image.source', 'Image source not found', `No image source ${id}.`)
    if (pointer !== undefined) error.body.source = pointer
    throw error
  }
  return source
}

/** Jobs a client may read now: Cycle needs a moment before a new job can be fetched. */
export function visibleJobs(state: CycleState, now: number): Job[] {
  return state.jobs.filter((job) => (state.jobVisibleAt.get(job.id) ?? 0) <= now)
}

export function findJob(state: CycleState, id: string, now: number): Job {
  const job = visibleJobs(state, now).find((j) => j.id === id)
  if (job === undefined) throw notFound('404.job', 'Job not found', `No job ${id}.`)
  return job
}

const NO_CONTAINERS: StateCount = { state: {}, total: 0, available: 0 }

export function containersOf(state: CycleState, imageId: string): StateCount {
  return structuredClone(state.containers.get(imageId) ?? NO_CONTAINERS)
}

export function imagesCountOf(state: CycleState, sourceId: string): ImagesCount {
  const count: ImagesCount = {
    total: 0,
    state: { new: 0, downloading: 0, building: 0, verifying: 0, saving: 0, live: 0, deleting: 0 }
  }
  for (const image of state.images) {
    if (image.source.details.id !== sourceId || isGone(image)) continue
    count.total++
    const current = image.state.current
    if (current in count.state) count.state[current as keyof ImagesCount['state']]++
  }
  return count
}
