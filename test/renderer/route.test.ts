import { describe, expect, it } from 'vitest'
import {
  formatRoute,
  parentRoute,
  parseRoute,
  routeTitle,
  type Route
} from '../../src-renderer/lib/route'
import { tokenFromHash } from '../../src-renderer/lib/api/token'

const ROUTES: Array<[Route, string]> = [
  [{ view: 'nodes' }, '#/nodes'],
  [{ view: 'nodes', cluster: 'dev' }, '#/nodes?cluster=dev'],
  [{ view: 'nodes', cluster: 'dev', accountId: 'acc-1' }, '#/nodes?cluster=dev&account=acc-1'],
  [{ view: 'clusters' }, '#/clusters'],
  [{ view: 'cluster', accountId: 'acc-1', name: 'dev' }, '#/clusters/acc-1/dev'],
  [{ view: 'images' }, '#/images'],
  [{ view: 'networks' }, '#/networks'],
  [{ view: 'cycle-images' }, '#/cycle-images'],
  [{ view: 'cycle-image', accountId: 'hub', imageId: 'img-9' }, '#/cycle-images/hub/img-9'],
  [{ view: 'cycle-sources' }, '#/cycle-sources'],
  [{ view: 'cycle-jobs' }, '#/cycle-jobs'],
  [{ view: 'activity' }, '#/activity'],
  [{ view: 'activity', jobId: 'j-42' }, '#/activity/j-42'],
  [{ view: 'notifications' }, '#/notifications'],
  [{ view: 'settings' }, '#/settings']
]

describe('routes as hash URLs', () => {
  it.each(ROUTES)('writes %j as %s and reads it back', (route, hash) => {
    expect(formatRoute(route)).toBe(hash)
    expect(parseRoute(hash)).toEqual(route)
  })

  it('encodes each part, so a name with a slash, a space or a # stays one part', () => {
    const route: Route = { view: 'cluster', accountId: 'a/b', name: 'my #1 cluster?' }
    const hash = formatRoute(route)
    expect(hash).toBe('#/clusters/a%2Fb/my%20%231%20cluster%3F')
    expect(parseRoute(hash)).toEqual(route)
    const nodes: Route = { view: 'nodes', cluster: 'x&y=z' }
    expect(parseRoute(formatRoute(nodes))).toEqual(nodes)
  })

  it('takes a trailing slash as the same place', () => {
    expect(parseRoute('#/clusters/')).toEqual({ view: 'clusters' })
  })

  it.each([
    '',
    '#',
    '#/',
    '#token=abc',
    '#/nowhere',
    '#/clusters/only-account',
    '#/clusters/a/b/c',
    '#/clusters//dev',
    '#/settings/extra',
    '#/activity/a/b',
    '#/clusters/%E0%A4%A/dev',
    'clusters'
  ])('names no place with %j', (hash) => {
    expect(parseRoute(hash)).toBeNull()
  })

  it('titles the document with the most specific thing first', () => {
    expect(routeTitle({ view: 'clusters' })).toBe('Clusters — Berth')
    expect(routeTitle({ view: 'cluster', accountId: 'a', name: 'dev' })).toBe(
      'dev — Clusters — Berth'
    )
    expect(routeTitle({ view: 'activity' })).toBe('Activity — Berth')
    expect(routeTitle({ view: 'nodes', cluster: 'dev' })).toBe('Nodes of dev — Berth')
  })

  it('knows the list a detail goes back to, and that a list has none', () => {
    expect(parentRoute({ view: 'cluster', accountId: 'a', name: 'dev' })).toEqual({
      view: 'clusters'
    })
    expect(parentRoute({ view: 'cycle-image', accountId: 'a', imageId: 'i' })).toEqual({
      view: 'cycle-images'
    })
    expect(parentRoute({ view: 'clusters' })).toBeNull()
  })
})

describe('the token in the hash', () => {
  it('is read only from `#token=…`, never from a route', () => {
    expect(tokenFromHash('#token=abc-DEF_1')).toBe('abc-DEF_1')
    expect(tokenFromHash('#token=')).toBeNull()
    expect(tokenFromHash('#/clusters')).toBeNull()
    expect(tokenFromHash('')).toBeNull()
  })
})
