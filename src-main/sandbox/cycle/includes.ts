import type { ListQuery } from './listing'
import { containersOf, imagesCountOf } from './model'
import type {
  ApiKeyResource,
  CreatorScope,
  CycleState,
  Image,
  ImageSource,
  PublicAccount
} from './types'

/**
 * `include=` and `meta=` for responses. Included resources go to the root `includes`, keyed by
 * include name then id; metas are injected into each resource's own `meta`. Stored resources
 * never carry `meta`: copies get it on the way out.
 */

interface CreatorInclude {
  accounts: Record<string, PublicAccount>
  api_keys: Record<string, ApiKeyResource>
}

function creatorsOf(state: CycleState, scopes: readonly CreatorScope[]): CreatorInclude {
  const out: CreatorInclude = { accounts: {}, api_keys: {} }
  for (const scope of scopes) {
    if (scope.type === 'account') {
      const account = state.accounts.find((a) => a.id === scope.id)
      if (account !== undefined) out.accounts[account.id] = account
    } else if (scope.type === 'api-key') {
      const key = state.keys.find((k) => k.resource.id === scope.id)
      if (key !== undefined) out.api_keys[key.resource.id] = key.resource
    }
  }
  return out
}

/**
 * The shared `includes` of a resource kind: `creators`, then what `more` adds, then the names the
 * sandbox has nothing for (asked for, they are empty). Undefined when nothing was asked for.
 */
function includesOf(
  state: CycleState,
  resources: readonly { creator: CreatorScope }[],
  query: ListQuery,
  empty: readonly string[],
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
  for (const name of empty) {
    if (query.include.has(name)) includes[name] = {}
  }
  return includes
}

export function imageIncludes(
  state: CycleState,
  images: readonly Image[],
  query: ListQuery
): Record<string, unknown> | undefined {
  // The sandbox has no stacks, stack builds or integrations.
  return includesOf(
    state,
    images,
    query,
    ['stack_builds', 'stacks', 'integrations'],
    (includes) => {
      if (!query.include.has('sources')) return
      const sources: Record<string, ImageSource> = {}
      const identifiers: Record<string, string[]> = {}
      for (const image of images) {
        const source = state.sources.find((s) => s.id === image.source.details.id)
        if (source === undefined || source.id in sources) continue
        sources[source.id] = source
        identifiers[source.identifier] = [...(identifiers[source.identifier] ?? []), source.id]
      }
      includes.sources = sources
      includes['sources:identifiers'] = identifiers
    }
  )
}

export function sourceIncludes(
  state: CycleState,
  sources: readonly ImageSource[],
  query: ListQuery
): Record<string, unknown> | undefined {
  return includesOf(state, sources, query, ['integrations'])
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
  if (!query.meta.has('containers_count')) return image
  return { ...image, meta: { containers_count: containersOf(state, image.id) } }
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
