import {
  cleanListQuery,
  formatListQuery,
  isListView,
  parseListQuery,
  type ListQuery,
  type ListView
} from './route-query'

/** A list, with what the user narrowed it to (`cluster` is the Nodes view's alone). */
export type ListRoute = { view: ListView } & ListQuery

/**
 * The places in the app as hash URLs: `#/clusters`, `#/clusters/<accountId>/<name>`, … Pure, so
 * the router (which syncs them with the address bar) and the tests share one reading of them.
 * A list's address carries its search, filters and sort as a query (lib/route-query.ts).
 */
export type Route =
  | { view: 'overview' }
  | ListRoute
  | { view: 'cluster'; accountId: string; name: string }
  | { view: 'cycle-image'; accountId: string; imageId: string }
  /** The Hub jobs list with one job's panel open beside it. */
  | { view: 'cycle-job'; accountId: string; jobId: string }
  | { view: 'activity'; jobId?: string }
  | { view: 'notifications' }
  | { view: 'settings' }

type Plain = 'overview' | 'notifications' | 'settings'
const PLAIN: readonly Plain[] = ['overview', 'notifications', 'settings']
const isPlain = (s: string): s is Plain => (PLAIN as readonly string[]).includes(s)

const part = (s: string): string => encodeURIComponent(s)

/** A list's route: its view and only the query parts it accepts (none empty). */
export const listRoute = (view: ListView, query: ListQuery = {}): ListRoute => ({
  view,
  ...cleanListQuery(view, query)
})

export const isListRoute = (route: Route): route is ListRoute => isListView(route.view)

/** The hash for a route, each part encoded: a cluster named `a/b` stays one part. */
export function formatRoute(route: Route): string {
  if (isListRoute(route)) return `#/${route.view}${formatListQuery(route.view, route)}`
  switch (route.view) {
    case 'cluster':
      return `#/clusters/${part(route.accountId)}/${part(route.name)}`
    case 'cycle-image':
      return `#/cycle-images/${part(route.accountId)}/${part(route.imageId)}`
    case 'cycle-job':
      return `#/cycle-jobs/${part(route.accountId)}/${part(route.jobId)}`
    case 'activity':
      return route.jobId === undefined ? '#/activity' : `#/activity/${part(route.jobId)}`
    default:
      return `#/${route.view}`
  }
}

const decode = (s: string): string | null => {
  try {
    const value = decodeURIComponent(s)
    return value === '' ? null : value
  } catch {
    return null
  }
}

/** The route a hash names, or null for one that names none (empty, `#token=…`, a typo). */
export function parseRoute(hash: string): Route | null {
  if (!hash.startsWith('#/')) return null
  const rest = hash.slice(2)
  const mark = rest.indexOf('?')
  const path = mark < 0 ? rest : rest.slice(0, mark)
  const search = mark < 0 ? '' : rest.slice(mark + 1)
  const raw = path.split('/')
  if (raw.at(-1) === '') raw.pop()
  const parts = raw.map(decode)
  if (parts.some((p) => p === null)) return null
  const [head, a, b, ...extra] = parts as string[]
  if (head === undefined || extra.length > 0) return null

  if (isListView(head) && a === undefined) return { view: head, ...parseListQuery(head, search) }
  if (head === 'clusters' && a !== undefined && b !== undefined) {
    return { view: 'cluster', accountId: a, name: b }
  }
  if (head === 'cycle-images' && a !== undefined && b !== undefined) {
    return { view: 'cycle-image', accountId: a, imageId: b }
  }
  if (head === 'cycle-jobs' && a !== undefined && b !== undefined) {
    return { view: 'cycle-job', accountId: a, jobId: b }
  }
  if (head === 'activity' && b === undefined) {
    return a === undefined ? { view: 'activity' } : { view: 'activity', jobId: a }
  }
  if (isPlain(head) && a === undefined) return { view: head } as Route
  return null
}

const NAMES: Record<Route['view'], string> = {
  overview: 'Overview',
  nodes: 'Nodes',
  clusters: 'Clusters',
  cluster: 'Clusters',
  images: 'Images',
  networks: 'Networks',
  'cycle-images': 'Cycle images',
  'cycle-image': 'Cycle images',
  'cycle-sources': 'Image sources',
  'cycle-jobs': 'Hub jobs',
  'cycle-job': 'Hub jobs',
  activity: 'Activity',
  notifications: 'Notifications',
  settings: 'Settings'
}

/** Every view a route names, in the navigation's order (the palette and shortcuts list them). */
export const ROUTE_VIEWS = Object.keys(NAMES) as Array<Route['view']>

/** What a view is called on screen ("Hub jobs"). */
export const viewName = (view: Route['view']): string => NAMES[view]

/** The document title for a route: the most specific thing first, as tabs and history show it. */
export function routeTitle(route: Route): string {
  const view = NAMES[route.view]
  switch (route.view) {
    case 'cluster':
      return `${route.name} — ${view} — Berth`
    case 'cycle-image':
      return `Image ${route.imageId} — ${view} — Berth`
    case 'cycle-job':
      return `Hub job ${route.jobId} — ${view} — Berth`
    case 'nodes':
      return route.cluster === undefined ? `${view} — Berth` : `${view} of ${route.cluster} — Berth`
    case 'activity':
      return route.jobId === undefined ? `${view} — Berth` : `Job ${route.jobId} — ${view} — Berth`
    default:
      return `${view} — Berth`
  }
}

/** The list a detail belongs to, where Escape and its back link take you; null for a list. */
export function parentRoute(route: Route): Route | null {
  switch (route.view) {
    case 'cluster':
      return { view: 'clusters' }
    case 'cycle-image':
      return { view: 'cycle-images' }
    case 'cycle-job':
      return { view: 'cycle-jobs' }
    default:
      return null
  }
}

export const sameRoute = (a: Route, b: Route): boolean => formatRoute(a) === formatRoute(b)
