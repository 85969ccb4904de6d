import type { ListQuery } from './listing'
import { containersOf, imagesCountOf } from './model'
import type {
  ApiKeyResource,
  CreatorScope,
  CycleState,
  Environment,
  Image,
  ImageSource,
  Integration,
  PublicAccount,
  Stack,
  StackBuild
} from './types'

/**
 * `include=` and `meta=` for responses. Included resources go to the root `includes`, keyed by
 * include name then id; metas are injected into each resource's own `meta`. Stored resources
 * never carry `meta`: copies get it on the way out.
 */

/**
 * `creators`, split by kind as CreatorInclude documents. `platform` and `platform-pipeline`
 * creators have no entry: the schema has nowhere to put them.
 */
interface CreatorInclude {
  accounts: Record<string, PublicAccount>
  employees: Record<string, PublicAccount>
  visitors: Record<string, PublicAccount>
  environments: Record<string, Environment>
  api_keys: Record<string, ApiKeyResource>
}

function creatorsOf(state: CycleState, scopes: readonly CreatorScope[]): CreatorInclude {
  const out: CreatorInclude = {
    accounts: {},
    employees: {},
    visitors: {},
    environments: {},
    api_keys: {}
  }
  const put = <T extends { id: string }>(into: Record<string, T>, found: T | undefined) => {
    if (found !== undefined) into[found.id] = found
  }
  for (const { id, type } of scopes) {
    if (type === 'account')
      put(
        out.accounts,
        state.accounts.find((a) => a.id === id)
      )
    else if (type === 'employee')
      put(
        out.employees,
        state.employees.find((a) => a.id === id)
      )
    else if (type === 'visitor')
      put(
        out.visitors,
        state.visitors.find((a) => a.id === id)
      )
    else if (type === 'environment') {
      put(
        out.environments,
        state.environments.find((e) => e.id === id)
      )
    } else if (type === 'api-key') {
      put(out.api_keys, state.keys.find((k) => k.resource.id === id)?.resource)
    }
  }
  return out
}

/** Resources keyed by id, with the `NAME:identifiers` map of identifier to ids beside them. */
function keyed<T extends { id: string; identifier?: string }>(
  includes: Record<string, unknown>,
  name: string,
  items: readonly T[],
  withIdentifiers: boolean
): void {
  const byId: Record<string, T> = {}
  const identifiers: Record<string, string[]> = {}
  for (const item of items) {
    if (item.id in byId) continue
    byId[item.id] = item
    if (item.identifier !== undefined) {
      identifiers[item.identifier] = [...(identifiers[item.identifier] ?? []), item.id]
    }
  }
  includes[name] = byId
  if (withIdentifiers) includes[`${name}:identifiers`] = identifiers
}

function integrationsNamed(state: CycleState, refs: readonly (string | null | undefined)[]) {
  const wanted = new Set(refs.filter((r): r is string => typeof r === 'string'))
  return state.integrations.filter((i) => wanted.has(i.id) || wanted.has(i.identifier))
}

/**
 * The shared `includes` of a resource kind: `creators`, then what `more` adds; every kind asked
 * for is present, empty when nothing on the page links to one. Undefined when nothing was asked.
 */
function includesOf(
  state: CycleState,
  resources: readonly { creator: CreatorScope }[],
  query: ListQuery,
  more?: (includes: Record<string, unknown>) => void
): Record<string, unknown> | undefined {
  if (query.include.size === 0) return undefined
  const includes: Record<string, unknown> = {}
  if (query.include.has('creators')) {
    includes.creators = creatorsOf(
      state,
      resources.map((r) => r.creator)
    )
  }
  more?.(includes)
  return includes
}

export function imageIncludes(
  state: CycleState,
  images: readonly Image[],
  query: ListQuery
): Record<string, unknown> | undefined {
  return includesOf(state, images, query, (includes) => {
    const want = (name: string) => query.include.has(name)
    if (want('sources')) {
      const ids = new Set(images.map((image) => image.source.details.id))
      keyed<ImageSource>(
        includes,
        'sources',
        state.sources.filter((s) => ids.has(s.id)),
        true
      )
    }
    const stackIds = new Set(images.flatMap((image) => image.source.details.stack_id ?? []))
    if (want('stacks')) {
      keyed<Stack>(
        includes,
        'stacks',
        state.stacks.filter((s) => stackIds.has(s.id)),
        true
      )
    }
    if (want('stack_builds')) {
      // Which build made an image is not in the image; the builds of its stack stand in (a guess).
      keyed<StackBuild>(
        includes,
        'stack_builds',
        state.stackBuilds.filter((b) => stackIds.has(b.stack_id)),
        false
      )
    }
    if (want('integrations')) {
      const refs = images.map((image) => image.builder?.integration_id)
      keyed<Integration>(includes, 'integrations', integrationsNamed(state, refs), true)
    }
  })
}

export function sourceIncludes(
  state: CycleState,
  sources: readonly ImageSource[],
  query: ListQuery
): Record<string, unknown> | undefined {
  return includesOf(state, sources, query, (includes) => {
    if (!query.include.has('integrations')) return
    const refs = sources.map((source) => source.builder?.integration_id)
    keyed<Integration>(includes, 'integrations', integrationsNamed(state, refs), true)
  })
}

export function jobIncludes(
  state: CycleState,
  creators: readonly CreatorScope[],
  query: ListQuery
): Record<string, unknown> | undefined {
  if (!query.include.has('creators')) return undefined
  return { creators: creatorsOf(state, creators) }
}

export function withImageMeta(state: CycleState, image: Image, query: ListQuery): Image {
  const out = query.meta.has('containers_count')
    ? { ...image, meta: { containers_count: containersOf(state, image.id) } }
    : image
  if (!state.stateWithoutCurrent.has(image.id)) return out
  // The documented-example shape some servers may send; see CycleState.stateWithoutCurrent.
  const { current: _current, ...rest } = image.state
  return { ...out, state: rest as Image['state'] }
}

export function withSourceMeta(
  state: CycleState,
  source: ImageSource,
  query: ListQuery
): ImageSource {
  if (!query.meta.has('images_count')) return source
  return { ...source, meta: { images_count: imagesCountOf(state, source.id) } }
}

/** The root document: `data`, plus `includes` only when something was asked for. */
export function root(data: unknown, includes?: Record<string, unknown>): Record<string, unknown> {
  return includes === undefined ? { data } : { data, includes }
}
