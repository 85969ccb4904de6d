import { afterEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../src-main/sandbox/index'
import type { Doc, Item } from '../support/cycle-docs'
import type { CycleClient } from '../support/cycle-spec'
import { cycleApi as api, sandboxPool } from '../support/sandboxes'

// Every answer below goes through createCycleClient: it must satisfy Cycle's OpenAPI document.

const pool = sandboxPool({ stepMs: 5 })
afterEach(pool.closeAll)
const { start } = pool

/** Every page of a list, asked for `size` at a time, until a short page says it was the last. */
async function allPages(call: CycleClient, path: string, size: number) {
  const pages: Item[][] = []
  for (let number = 1; number < 20; number++) {
    const sep = path.includes('?') ? '&' : '?'
    const page = await call<Doc<Item[]>>(
      'GET',
      `${path}${sep}page[size]=${size}&page[number]=${number}`
    )
    pages.push(page.body.data)
    if (page.body.data.length < size) break
  }
  return pages
}

describe('Cycle emulator: hub, capabilities and connection', () => {
  it('publishes its connection in the one-line JSON and serves the hub', async () => {
    const sandbox = await start()
    const { cycle } = sandbox.connection()
    expect(cycle).toEqual({
      url: `http://127.0.0.1:${sandbox.port}`,
      apiKey: sandbox.cycle.keys.full,
      hubId: sandbox.cycle.hubId
    })
    expect(cycle.hubId).toMatch(/^[0-9a-f]{24}$/)
    expect(JSON.stringify(sandbox.connection())).not.toContain('\n')
    const call = api(sandbox)
    const hub = await call<Doc<{ id: string; state: { current: string } }>>(
      'GET',
      '/v1/hubs/current'
    )
    expect(hub.status).toBe(200)
    expect(hub.body.data).toMatchObject({ id: cycle.hubId, state: { current: 'live' } })
    // Capabilities need no credentials at all.
    const caps = await call<Doc<string[]> & { meta: { captions: Record<string, string> } }>(
      'GET',
      '/v1/hubs/capabilities',
      undefined,
      { key: null, hubId: null }
    )
    expect(caps.body.data).toEqual(expect.arrayContaining(['images-manage', 'apionly-jobs-view']))
    expect(caps.body.meta.captions['images-view']).toBe('Images view')
  })

  it('seeds the same hub for the same seed, a different one otherwise', async () => {
    const [a, b, c] = await Promise.all([start(), start(), start({ seed: 7 })])
    const ids = async (s: Sandbox) =>
      (await api(s)<Doc<Item[]>>('GET', '/v1/images')).body.data.map((i) => i.id)
    expect(b.cycle.hubId).toBe(a.cycle.hubId)
    expect(await ids(b)).toEqual(await ids(a))
    expect(c.cycle.hubId).not.toBe(a.cycle.hubId)
    expect(c.cycle.keys).toEqual(a.cycle.keys)
  })
})

describe('Cycle emulator: seeded contents', () => {
  it('has sources, images in varied states and finished jobs', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const sources = (
      await call<Doc<(Item & { origin: { type: string; details: Record<string, unknown> } })[]>>(
        'GET',
        '/v1/images/sources'
      )
    ).body.data
    const origins = sources.map((s) => s.origin)
    expect(origins).toContainEqual({ type: 'docker-hub', details: { target: 'nginx:1.27' } })
    expect(origins.find((o) => o.type === 'docker-file')?.details.repo).toMatchObject({
      url: expect.stringMatching(/^https:\/\/.+\.git$/)
    })
    const images = (await call<Doc<Item[]>>('GET', '/v1/images')).body.data
    // Eight planned images plus five that use the API's optional fields (seed-fidelity.ts).
    expect(images).toHaveLength(13)
    const states = images.map((i) => i.state.current)
    expect(states.filter((s) => s === 'live')).toHaveLength(10)
    expect(images.filter((i) => i.state.error !== undefined)).toHaveLength(1)
    expect(new Set(images.map((i) => i.creator.type))).toEqual(
      new Set(['account', 'api-key', 'employee', 'visitor', 'environment', 'platform-pipeline'])
    )
    expect(images.every((i) => i.events.deleted === '0001-01-01T00:00:00Z')).toBe(true)
    for (const image of images.filter((i) => i.state.current === 'live')) {
      expect(image.size).toBeGreaterThan(10 * 1024 * 1024)
    }
    const jobs = (await call<Doc<Item[]>>('GET', '/v1/jobs')).body.data
    expect(jobs.map((j) => j.state.current).sort()).toEqual([
      ...Array<string>(10).fill('completed'),
      'error'
    ])
    const latest = await call<Doc<Item[]>>('GET', '/v1/jobs/latest')
    expect(latest.body.data[0]?.id).toBe(jobs[0]?.id)
    const job = await call<Doc<Item>>('GET', `/v1/jobs/${jobs[0]?.id}`)
    expect(job.body.data).toEqual(jobs[0])
  })
})

describe('Cycle emulator: lists', () => {
  it('pages until a short page, 20 by default', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const all = (await call<Doc<Item[]>>('GET', '/v1/images')).body.data
    const pages = await allPages(call, '/v1/images', 5)
    expect(pages.map((p) => p.length)).toEqual([5, 5, 3])
    expect(pages.flat().map((i) => i.id)).toEqual(all.map((i) => i.id))
    expect((await allPages(call, '/v1/images', 13)).map((p) => p.length)).toEqual([13, 0])
    expect((await allPages(call, '/v1/jobs', 5)).flat()).toHaveLength(11)
    expect((await allPages(call, '/v1/images/sources', 4)).map((p) => p.length)).toEqual([4, 4, 1])
  })

  it('filters by state, source, identifier and search, comma-joined or repeated', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const count = async (query: string) =>
      (await call<Doc<Item[]>>('GET', `/v1/images?${query}`)).body.data.length
    expect(await count('filter[state]=live')).toBe(10)
    expect(await count('filter[state]=new')).toBe(3)
    expect(await count('filter[state]=new,live')).toBe(13)
    expect(await count('filter[state]=new&filter[state]=live')).toBe(13)
    const sources = (await call<Doc<Item[]>>('GET', '/v1/images/sources?filter[identifier]=nginx'))
      .body.data
    expect(sources.map((s) => s.name)).toEqual(['nginx'])
    const nginx = sources[0]?.id ?? ''
    const fromNginx = (await call<Doc<Item[]>>('GET', `/v1/images?filter[source_id]=${nginx}`)).body
      .data
    expect(fromNginx.map((i) => i.name).sort()).toEqual(['nginx:1.25', 'nginx:1.26', 'nginx:1.27'])
    expect(await count('filter[identifier]=storefront')).toBe(3)
    expect(await count('filter[search]=STOREFRONT')).toBe(3)
    expect(await count('filter[search]=nothing-like-this')).toBe(0)
    const failed = await call<Doc<Item[]>>('GET', '/v1/jobs?filter[state]=error')
    expect(failed.body.data).toHaveLength(1)
    expect(await count('filter[source_type]=direct')).toBe(11)
    expect(await count('filter[source_type]=bucket')).toBe(1)
    expect(await count('filter[source_type]=stack-build')).toBe(1)
  })

  it('sorts ascending and descending', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const names = (await call<Doc<Item[]>>('GET', '/v1/images?sort=name')).body.data.map(
      (i) => i.name
    )
    expect(names).toEqual([...names].sort())
    const sizes = (await call<Doc<Item[]>>('GET', '/v1/images?sort=-size')).body.data.map(
      (i) => i.size
    )
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
    const created = (await call<Doc<Item[]>>('GET', '/v1/images')).body.data.map((i) =>
      Date.parse(i.events.created)
    )
    // Newest first by default.
    expect(created).toEqual([...created].sort((a, b) => b - a))
  })

  it('includes creators and sources and injects meta counts', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    for (const query of [
      'include=creators,sources&meta=containers_count',
      'include=creators&include=sources&meta=containers_count'
    ]) {
      const { data, includes } = (await call<Doc<Item[]>>('GET', `/v1/images?${query}`)).body
      const creators = includes?.creators as Record<string, object>
      const kinds: Record<string, string> = {
        account: 'accounts',
        'api-key': 'api_keys',
        employee: 'employees',
        visitor: 'visitors',
        environment: 'environments'
      }
      for (const image of data) {
        const bucket = kinds[image.creator.type]
        // Platform pipelines have no place in CreatorInclude.
        if (bucket === undefined) continue
        expect(Object.keys(creators[bucket] ?? {})).toContain(image.creator.id)
        expect(Object.keys(includes?.sources ?? {})).toContain(image.source.details.id)
        expect(image.meta?.containers_count?.total).toBeGreaterThanOrEqual(0)
      }
      const totals = data.map((i) => i.meta?.containers_count?.total ?? 0)
      expect(totals.reduce((a, b) => a + b, 0)).toBe(21)
    }
    const plain = (await call<Doc<Item[]>>('GET', '/v1/images')).body
    expect(plain.includes).toBeUndefined()
    expect(plain.data[0]?.meta).toBeUndefined()
    const sources = (await call<Doc<Item[]>>('GET', '/v1/images/sources?meta=images_count')).body
      .data
    expect(sources.map((s) => s.meta?.images_count?.total).sort()).toEqual([
      0, 1, 1, 1, 1, 1, 2, 3, 3
    ])
    const jobs = (await call<Doc<Item[]>>('GET', '/v1/jobs?include=creators')).body
    expect(Object.keys(jobs.includes?.creators ?? {})).toEqual([
      'accounts',
      'employees',
      'visitors',
      'environments',
      'api_keys'
    ])
  })
})
