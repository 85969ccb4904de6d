import type { KeyCapability } from './capabilities'
import type { Engine } from './engine'
import type { Notifier } from './notifications'
import type { ApiKey, CreatorScope } from './types'

export interface RequestContext {
  engine: Engine
  notifier: Notifier
  params: Record<string, string>
  query: URLSearchParams
  /** Parsed JSON, or undefined when the request had no body. */
  body: unknown
  /** The caller's key; undefined only on public routes. */
  key: ApiKey | undefined
}

export interface Reply {
  status: number
  body: unknown
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** `/v1/images/:imageId` style; literal segments win over parameters when both match. */
  path: string
  /** `public`: no credentials at all (only `GET /v1/hubs/capabilities`). */
  access: KeyCapability | 'any-key' | 'public'
  handle(ctx: RequestContext): Reply
}

/** Who a job or resource made by this request is attributed to. */
export function creatorOf(ctx: RequestContext): CreatorScope {
  return { id: ctx.key?.resource.id ?? ctx.engine.state.hub.creator.id, type: 'api-key' }
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body })

interface CompiledRoute {
  route: Route
  segments: string[]
}

export interface RouteMatch {
  route: Route
  params: Record<string, string>
}

/** Finds the route for a path; `undefined` means no such path, `null` no such method on it. */
export function createMatcher(routes: readonly Route[]) {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    route,
    segments: route.path.split('/')
  }))
  function paramsFor(entry: CompiledRoute, parts: string[]): Record<string, string> | undefined {
    if (entry.segments.length !== parts.length) return undefined
    const params: Record<string, string> = {}
    for (let i = 0; i < parts.length; i++) {
      const want = entry.segments[i] ?? ''
      const got = parts[i] ?? ''
      if (want.startsWith(':')) {
        if (got === '') return undefined
        params[want.slice(1)] = got
      } else if (want !== got) {
        return undefined
      }
    }
    return params
  }
  const literalScore = (entry: CompiledRoute) =>
    entry.segments.map((s) => (s.startsWith(':') ? '0' : '1')).join('')
  return (method: string, path: string): RouteMatch | null | undefined => {
    const parts = path.split('/')
    const hits = compiled
      .map((entry) => ({ entry, params: paramsFor(entry, parts) }))
      .filter((hit) => hit.params !== undefined)
    if (hits.length === 0) return undefined
    // `/v1/images/sources` must beat `/v1/images/:imageId`: most literal segments, leftmost first.
    hits.sort((a, b) => (literalScore(a.entry) < literalScore(b.entry) ? 1 : -1))
    const best = literalScore(hits[0]?.entry as CompiledRoute)
    const hit = hits.find((h) => literalScore(h.entry) === best && h.entry.route.method === method)
    return hit === undefined ? null : { route: hit.entry.route, params: hit.params ?? {} }
  }
}
