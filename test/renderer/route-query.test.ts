import {
  ClusterQuery,
  ClusterSortField,
  CycleImageQuery,
  CycleImageSortField,
  CycleJobQuery,
  CycleSourceQuery,
  CycleSourceSortField,
  ImageSortField,
  INPUT_LIMITS,
  NetworkSortField,
  NodeQuery,
  NodeSortField
} from '@contract'
import { describe, expect, it } from 'vitest'
import { firstQueries } from '../../src-renderer/lib/first-queries'
import { formatRoute, parentRoute, parseRoute, type Route } from '../../src-renderer/lib/route'
import {
  LIST_SPECS,
  QUERY_LIMITS,
  type ListQuery,
  type ListView
} from '../../src-renderer/lib/route-query'

const ROUTES: Array<[Route, string]> = [
  [
    { view: 'cycle-images', filters: { state: 'live', sourceId: 'src-1' }, search: 'web' },
    '#/cycle-images?state=live&source=src-1&q=web'
  ],
  [
    { view: 'cycle-images', accountId: 'hub', sort: { field: 'createdAt', dir: 'desc' } },
    '#/cycle-images?account=hub&sort=-createdAt'
  ],
  [
    { view: 'nodes', cluster: 'dev', accountId: 'acc-1', search: 'worker 2' },
    '#/nodes?cluster=dev&account=acc-1&q=worker+2'
  ],
  [{ view: 'clusters', sort: { field: 'nodeCount', dir: 'asc' } }, '#/clusters?sort=nodeCount'],
  [
    { view: 'cycle-sources', filters: { origin: 'docker-hub' } },
    '#/cycle-sources?origin=docker-hub'
  ],
  [
    { view: 'cycle-jobs', filters: { state: 'error' }, accountId: 'hub', search: 'build' },
    '#/cycle-jobs?state=error&account=hub&q=build'
  ],
  [{ view: 'images', search: 'a&b=c?#d' }, '#/images?q=a%26b%3Dc%3F%23d'],
  [{ view: 'networks', search: 'net' }, '#/networks?q=net']
]

describe('a list’s filters, search and sort in its address', () => {
  it.each(ROUTES)('writes %j as %s and reads it back', (route, hash) => {
    expect(formatRoute(route)).toBe(hash)
    expect(parseRoute(hash)).toEqual(route)
  })

  it('writes the parts in one order, whatever order they were set in', () => {
    const hash = '#/cycle-images?state=live&source=s&account=hub&q=web&sort=name'
    expect(
      formatRoute(parseRoute('#/cycle-images?sort=name&q=web&account=hub&source=s&state=live')!)
    ).toBe(hash)
  })

  it('leaves empty parts out: an unfiltered list has the plain address', () => {
    const route: Route = { view: 'cycle-images', search: '', filters: { state: '', sourceId: '' } }
    expect(formatRoute(route)).toBe('#/cycle-images')
    expect(parseRoute('#/cycle-images?q=&state=&source=&account=&sort=')).toEqual({
      view: 'cycle-images'
    })
    expect(parseRoute('#/cycle-images?q=%20%20')).toEqual({ view: 'cycle-images' })
  })

  it.each<[string, Route]>([
    // Parameters nobody reads, and filters of another list.
    ['#/cycle-images?colour=red&origin=docker-hub&cluster=dev', { view: 'cycle-images' }],
    ['#/clusters?state=live&source=x', { view: 'clusters' }],
    // A sort field the list does not have, a bare "-", a sort on a list in a fixed order.
    ['#/clusters?sort=size', { view: 'clusters' }],
    ['#/clusters?sort=-', { view: 'clusters' }],
    ['#/clusters?sort=--name', { view: 'clusters' }],
    ['#/cycle-jobs?sort=-queuedAt', { view: 'cycle-jobs' }],
    // Longer than the agent accepts.
    [`#/nodes?q=${'x'.repeat(201)}`, { view: 'nodes' }],
    [`#/nodes?cluster=${'c'.repeat(254)}`, { view: 'nodes' }],
    [
      `#/cycle-images?source=${'s'.repeat(257)}&state=live`,
      { view: 'cycle-images', filters: { state: 'live' } }
    ],
    // Broken escapes and repeated parameters (the first counts).
    [
      '#/clusters?q=%E0%A4%A&sort=name',
      { view: 'clusters', search: '\uFFFD%A', sort: { field: 'name', dir: 'asc' } }
    ],
    ['#/clusters?q=one&q=two', { view: 'clusters', search: 'one' }],
    ['#/clusters?q=a?b', { view: 'clusters', search: 'a?b' }]
  ])('drops what the list cannot take in %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route)
  })

  it('keeps a detail’s address as it was: a query there names nothing more', () => {
    expect(parseRoute('#/clusters/acc-1/dev?q=x')).toEqual({
      view: 'cluster',
      accountId: 'acc-1',
      name: 'dev'
    })
    expect(parseRoute('#/settings?q=x')).toEqual({ view: 'settings' })
    expect(parentRoute({ view: 'cycle-image', accountId: 'a', imageId: 'i' })).toEqual({
      view: 'cycle-images'
    })
  })

  // Whatever an address holds, what the list sends from it passes the agent's own checks.
  it('turns any address into queries the contract accepts', () => {
    const schemas: Partial<Record<ListView, { safeParse: (v: unknown) => { success: boolean } }>> =
      {
        nodes: NodeQuery,
        clusters: ClusterQuery,
        'cycle-images': CycleImageQuery,
        'cycle-sources': CycleSourceQuery,
        'cycle-jobs': CycleJobQuery
      }
    const values = ['', ' ', 'live', 'x'.repeat(199), 'x'.repeat(200), 'x'.repeat(260), '%zz', '-']
    for (const [view, schema] of Object.entries(schemas) as Array<[ListView, typeof NodeQuery]>) {
      for (const value of values) {
        const params = new URLSearchParams()
        for (const name of ['q', 'account', 'cluster', 'state', 'source', 'origin', 'sort']) {
          params.set(name, value)
        }
        params.append('sort', `-${value}`)
        const route = parseRoute(`#/${view}?${params.toString()}`) as ListQuery
        const input: Record<string, unknown> = { offset: 0, limit: 100 }
        if (route.search) input.search = route.search
        if (route.accountId) input.accountId = route.accountId
        if (route.cluster) input.cluster = route.cluster
        if (route.sort) input.sort = route.sort
        Object.assign(input, route.filters)
        expect(schema.safeParse(input).success, `${view} ${value.slice(0, 10)}`).toBe(true)
      }
    }
  })

  it('sorts by the contract’s fields and stops at its limits', () => {
    expect(LIST_SPECS.nodes.sort).toEqual(NodeSortField)
    expect(LIST_SPECS.clusters.sort).toEqual(ClusterSortField)
    expect(LIST_SPECS.images.sort).toEqual(ImageSortField)
    expect(LIST_SPECS.networks.sort).toEqual(NetworkSortField)
    expect(LIST_SPECS['cycle-images'].sort).toEqual(CycleImageSortField)
    expect(LIST_SPECS['cycle-sources'].sort).toEqual(CycleSourceSortField)
    expect(QUERY_LIMITS.id).toBe(INPUT_LIMITS.id)
    expect(QUERY_LIMITS.name).toBe(INPUT_LIMITS.name)
    const search = (n: number) => ClusterQuery.safeParse({ search: 'x'.repeat(n) }).success
    expect([search(QUERY_LIMITS.search), search(QUERY_LIMITS.search + 1)]).toEqual([true, false])
  })

  it('primes the first Nodes block only for Nodes as they open', () => {
    expect(firstQueries('#/nodes')).toHaveLength(1)
    expect(firstQueries('#/nodes?q=web')).toEqual([])
    expect(firstQueries('#/nodes?sort=-name')).toEqual([])
  })
})
