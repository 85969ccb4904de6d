import { afterEach, describe, expect, it } from 'vitest'
import { parseSandboxArgs } from '../../src-main/sandbox/cli-args'
import type { Sandbox } from '../../src-main/sandbox/index'
import type { Doc } from '../support/cycle-docs'
import { validateResponse } from '../support/cycle-spec'
import { cycleApi as api, cycleFetch, sandboxPool } from '../support/sandboxes'

// Every answer read through `api` satisfies Cycle's OpenAPI document (createCycleClient checks).

const pool = sandboxPool({ stepMs: 1 })
afterEach(pool.closeAll)
const { start } = pool

type Json = Record<string, unknown>
interface Image {
  id: string
  name: string
  state: { current?: string; changed: string; error?: unknown }
  about?: { description: string | null }
  requires: { nvidia_gpu?: boolean }
  build: { args: Record<string, string>; use_disk: boolean } | null
  builder: { integration_id: string } | null
  config: { labels: Record<string, string> }
  backend: { provider: string }
  factory: { node_id: string } | null
  source: {
    type: string
    details: { id: string; stack_id?: string; containers?: string[]; origin: { type: string } }
    override?: { target?: string; targz_url?: string }
  }
  creator: { id: string; type: string }
  events: { created: string; updated: string; deleted: string }
  meta?: { containers_count?: { state: Record<string, number>; total: number } }
}
interface Source {
  id: string
  name: string
  identifier: string
  type: string
  origin: { type: string; details?: Json }
  builder: { integration_id: string | null } | null
}
interface Descriptor {
  action: string
  job: {
    id: string
    accepted: boolean
    queue: string
    schedule: string
    parallel: { tasks: boolean; sub_queue: string | null }
    tasks: { header: string; input: Json }[]
  }
}
interface ErrorDoc {
  error: { status: number; code: string; extra?: { capability?: string } }
}

const ZERO = '0001-01-01T00:00:00Z'

async function images(sandbox: Sandbox, query = ''): Promise<Image[]> {
  return (await api(sandbox)<Doc<Image[]>>('GET', `/v1/images?page[size]=100${query}`)).body.data
}

async function sources(sandbox: Sandbox, query = ''): Promise<Source[]> {
  const path = `/v1/images/sources?page[size]=100${query}`
  return (await api(sandbox)<Doc<Source[]>>('GET', path)).body.data
}

async function sourceNamed(sandbox: Sandbox, name: string): Promise<Source> {
  const found = (await sources(sandbox)).find((s) => s.name === name)
  if (found === undefined) throw new Error(`no source ${name}`)
  return found
}

/** Waits (by polling the job, not the clock) until an import has ended; returns its image. */
async function imported(sandbox: Sandbox, descriptor: Descriptor): Promise<Image> {
  const call = api(sandbox)
  await expect
    .poll(
      async () =>
        (await call<Doc<{ state: { current: string } }>>('GET', `/v1/jobs/${descriptor.job.id}`))
          .body.data.state.current
    )
    .toMatch(/^(completed|error)$/)
  const id = descriptor.job.tasks[0]?.input.id as string
  return (await call<Doc<Image>>('GET', `/v1/images/${id}`)).body.data
}

describe('Cycle sandbox: the importer’s key', () => {
  it('imports an existing image and is refused everything else, the capability named', async () => {
    const sandbox = await start()
    const key = sandbox.connection().cycleKeys.importer
    expect(sandbox.connection().cycleKeys).toEqual({
      importer: sandbox.cycle.keys.importer,
      noManage: sandbox.cycle.keys.noManage
    })
    const call = api(sandbox)
    const image = (await images(sandbox)).find(
      (i) => i.state.current === 'new' && i.state.error === undefined
    )!
    const as = { key }

    const started = await call<Doc<Descriptor>>(
      'POST',
      `/v1/images/${image.id}/tasks`,
      { action: 'import' },
      as
    )
    expect(started.status).toBe(200)
    expect(started.body.data.job.tasks[0]?.input).toEqual({ id: image.id })
    expect((await imported(sandbox, started.body.data)).state.current).toBe('live')

    const refusals: [string, string, unknown, string][] = [
      ['POST', '/v1/images', { source_id: image.source.details.id }, 'images-manage'],
      ['PATCH', `/v1/images/${image.id}`, { name: 'x' }, 'images-manage'],
      ['DELETE', `/v1/images/${image.id}`, undefined, 'images-manage'],
      [
        'POST',
        '/v1/images/tasks',
        { action: 'prune', contents: { source_ids: [image.source.details.id] } },
        'images-manage'
      ],
      ['GET', '/v1/jobs', undefined, 'apionly-jobs-view'],
      ['GET', '/v1/images/sources', undefined, 'images-sources-view']
    ]
    for (const [method, path, body, capability] of refusals) {
      const answer = await call<ErrorDoc>(method, path, body, as)
      expect({ path, status: answer.status, error: answer.body.error }).toMatchObject({
        path,
        status: 403,
        error: { code: '403.permissions', extra: { capability } }
      })
    }
    expect((await call('GET', `/v1/images/${image.id}`, undefined, as)).status).toBe(200)

    // The job is the importer's, and the key says what it may do.
    const jobs = (
      await call<Doc<{ creator: { id: string; type: string }; tasks: { input: Json }[] }[]>>(
        'GET',
        '/v1/jobs?include=creators'
      )
    ).body
    const job = jobs.data.find((j) => j.tasks[0]?.input.id === image.id)!
    expect(job.creator.type).toBe('api-key')
    const keys = jobs.includes?.creators?.api_keys as Record<string, Json>
    expect(keys[job.creator.id]).toMatchObject({
      name: 'CI importer',
      capabilities: { all: false, specific: ['images-view', 'images-import'] }
    })
  })
})

describe('Cycle sandbox: includes', () => {
  it('returns every include kind the spec lists for images, sources and jobs', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const all = 'creators,stack_builds,stacks,sources,integrations'
    const { data, includes = {} } = (
      await call<Doc<Image[]>>('GET', `/v1/images?page[size]=100&include=${all}`)
    ).body
    expect(Object.keys(includes).sort()).toEqual([
      'creators',
      'integrations',
      'integrations:identifiers',
      'sources',
      'sources:identifiers',
      'stack_builds',
      'stacks',
      'stacks:identifiers'
    ])
    const creators = includes.creators as Record<string, Record<string, Json>>
    for (const kind of ['accounts', 'employees', 'visitors', 'environments', 'api_keys']) {
      expect(Object.keys(creators[kind] ?? {}).length, kind).toBeGreaterThan(0)
    }
    expect(Object.values(creators.employees!)[0]).toMatchObject({ name: { first: 'Morgan' } })
    const stack = data.find((i) => i.source.type === 'stack-build')!
    expect(includes['stacks:identifiers']).toEqual({ shop: [stack.source.details.stack_id] })
    expect(Object.values(includes.stack_builds!)).toEqual([
      expect.objectContaining({ stack_id: stack.source.details.stack_id })
    ])
    const built = data.find((i) => i.builder !== null)!
    expect(includes['integrations:identifiers']).toEqual({
      'depot-builds': [built.builder?.integration_id]
    })
    expect(includes.integrations?.[built.builder!.integration_id]).toMatchObject({
      vendor: 'depot'
    })

    // One image: only what it links to.
    const one = (await call<Doc<Image>>('GET', `/v1/images/${stack.id}?include=${all}`)).body
      .includes!
    expect(Object.keys(one.stacks ?? {})).toEqual([stack.source.details.stack_id])
    expect(one.integrations).toEqual({})
    expect(Object.keys(one.creators?.environments ?? {})).toEqual([stack.creator.id])

    const fromSources = (
      await call<Doc<Source[]>>('GET', '/v1/images/sources?include=creators,integrations')
    ).body.includes!
    expect(Object.keys(fromSources).sort()).toEqual([
      'creators',
      'integrations',
      'integrations:identifiers'
    ])
    expect(Object.keys(fromSources.integrations ?? {})).toHaveLength(1)
    const jobs = (await call<Doc<unknown[]>>('GET', '/v1/jobs?include=creators')).body.includes!
    expect(Object.keys(jobs)).toEqual(['creators'])
  })
})

describe('Cycle sandbox: what the API documents, seeded', () => {
  it('has image sources of every origin an image source can hold, of every type', async () => {
    const sandbox = await start()
    const all = await sources(sandbox)
    expect(new Set(all.map((s) => s.origin.type))).toEqual(
      new Set([
        'docker-hub',
        'docker-registry',
        'oci-registry',
        'docker-file',
        'cycle-upload',
        'none'
      ])
    )
    expect(new Set(all.map((s) => s.type))).toEqual(new Set(['direct', 'bucket', 'stack-build']))
    const dockerfiles = all.filter((s) => s.origin.type === 'docker-file')
    expect(dockerfiles.some((s) => s.origin.details?.repo !== undefined)).toBe(true)
    expect(dockerfiles.some((s) => typeof s.origin.details?.targz_url === 'string')).toBe(true)
    expect(all.find((s) => s.type === 'bucket')?.origin.type).toBe('docker-file')
    expect(all.some((s) => s.builder?.integration_id === 'depot-builds')).toBe(true)
  })

  it('has images using every optional field', async () => {
    const sandbox = await start()
    const all = await images(sandbox, '&meta=containers_count')
    expect(all.some((i) => i.requires.nvidia_gpu === true)).toBe(true)
    expect(all.some((i) => i.builder !== null)).toBe(true)
    expect(all.some((i) => i.build?.use_disk === true)).toBe(true)
    expect(all.some((i) => i.source.override?.targz_url !== undefined)).toBe(true)
    expect(all.some((i) => i.source.override?.target !== undefined)).toBe(true)
    expect(all.some((i) => typeof i.about?.description === 'string')).toBe(true)
    const stack = all.find((i) => i.source.type === 'stack-build')!
    expect(stack.source.details).toMatchObject({ containers: ['web'] })
    expect(stack.source.details.stack_id).toMatch(/^[0-9a-f]{24}$/)
    const states = new Set(all.flatMap((i) => Object.keys(i.meta?.containers_count?.state ?? {})))
    expect(states.size).toBeGreaterThanOrEqual(5)
    for (const image of all.filter((i) => i.state.current === 'live')) {
      expect(image.factory, image.name).not.toBeNull()
      expect(image.backend.provider, image.name).not.toBe('')
      expect(image.state.changed >= image.events.created, image.name).toBe(true)
      expect(image.events.updated >= image.events.created, image.name).toBe(true)
      expect(image.events.deleted, image.name).toBe(ZERO)
    }
    const labels = all.map((i) => Object.keys(i.config.labels).length)
    expect(labels.filter((n) => n > 0).length).toBeGreaterThanOrEqual(8)
    expect(Math.max(...labels)).toBeGreaterThanOrEqual(3)
    // Every image's state has `current` unless the sandbox is asked otherwise (see below).
    expect(all.every((i) => typeof i.state.current === 'string')).toBe(true)
  })

  it('sends a state without current only when asked, which the schema refuses', async () => {
    expect(parseSandboxArgs(['--cycle-state-without-current'])).toMatchObject({
      ok: true,
      args: { cycleStateWithoutCurrent: true }
    })
    const sandbox = await start({ cycleStateWithoutCurrent: true })
    const response = await cycleFetch(sandbox)('GET', '/v1/images?page[size]=100')
    const body = (await response.json()) as { data: Image[] }
    const odd = body.data.filter((i) => !('current' in i.state))
    expect(odd).toHaveLength(1)
    expect(odd[0]?.state.changed).toMatch(/^\d{4}-/)
    const single = await cycleFetch(sandbox)('GET', `/v1/images/${odd[0]?.id}`)
    expect(((await single.json()) as { data: Image }).data.state).not.toHaveProperty('current')
    expect(validateResponse('GET', '/v1/images', 200, body).ok).toBe(false)
  })
})

describe('Cycle sandbox: creating and importing', () => {
  it('reflects override.target, override.targz_url and use_disk, and checks them', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const nginx = await sourceNamed(sandbox, 'nginx')
    const hub = await call<Doc<Image>>('POST', '/v1/images', {
      source_id: nginx.id,
      override: { target: 'nginx:1.28' },
      build: { use_disk: true }
    })
    expect(hub.status).toBe(201)
    expect(hub.body.data).toMatchObject({
      name: 'nginx:1.28',
      source: { type: 'direct', override: { target: 'nginx:1.28' } },
      build: { args: {}, use_disk: true }
    })

    const bundle = await sourceNamed(sandbox, 'site-bundle')
    const url = 'https://objects.berth-sandbox.invalid/site/site-2025.05.0.tar.gz'
    const tarball = await call<Doc<Image>>('POST', '/v1/images', {
      source_id: bundle.id,
      name: 'site 2025.05.0',
      override: { targz_url: url }
    })
    expect(tarball.body.data.source).toMatchObject({ type: 'bucket', override: { targz_url: url } })
    const descriptor = await call<Doc<Descriptor>>(
      'POST',
      `/v1/images/${tarball.body.data.id}/tasks`,
      { action: 'import' }
    )
    expect(descriptor.body.data).toMatchObject({
      action: 'import',
      job: {
        accepted: true,
        queue: `hub-${sandbox.cycle.hubId}-images`,
        parallel: { tasks: false, sub_queue: `image-${tarball.body.data.id}` },
        tasks: [{ header: 'image.import', input: { id: tarball.body.data.id } }]
      }
    })
    expect(Date.parse(descriptor.body.data.job.schedule)).not.toBeNaN()
    expect((await imported(sandbox, descriptor.body.data)).state.current).toBe('live')
    const log = await call<
      Doc<{ log: string; events: { created: string; updated: string; deleted: string } }>
    >('GET', `/v1/images/${tarball.body.data.id}/build-log`)
    expect(log.body.data.log).toContain(url)
    // The spec's build-log events are created (the import began) and updated (its last line).
    // (A fast sandbox may do all of it within one millisecond.)
    const { created, updated } = log.body.data.events
    expect(Date.parse(updated)).toBeGreaterThanOrEqual(Date.parse(created))
    expect(created).not.toBe(ZERO)
    expect(log.body.data.events.deleted).toBe(ZERO)

    const wrongOverride = await call<ErrorDoc & { error: { source: string } }>(
      'POST',
      '/v1/images',
      { source_id: bundle.id, override: { target: 'nginx:1' } }
    )
    expect(wrongOverride).toMatchObject({
      status: 422,
      body: { error: { source: '/override/target' } }
    })
    const stackSource = await sourceNamed(sandbox, 'shop-web')
    const fromStack = await call<ErrorDoc>('POST', '/v1/images', { source_id: stackSource.id })
    expect(fromStack).toMatchObject({ status: 422, body: { error: { code: '422.invalid-input' } } })
  })
})

describe('Cycle sandbox: documented filters and sort', () => {
  it('filters images by state and source, sources by state, jobs by state; sorts each', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const nginx = await sourceNamed(sandbox, 'nginx')
    const liveNginx = await images(sandbox, `&filter[state]=live&filter[source_id]=${nginx.id}`)
    expect(liveNginx.map((i) => i.name).sort()).toEqual(['nginx:1.25', 'nginx:1.26', 'nginx:1.27'])
    const fresh = await images(sandbox, '&filter[state]=new')
    expect(fresh.length).toBeGreaterThan(0)
    expect(fresh.every((i) => i.state.current === 'new')).toBe(true)
    expect((await images(sandbox, '&filter[source_type]=bucket')).map((i) => i.name)).toEqual([
      'site 2025.04.2'
    ])
    expect(await sources(sandbox, '&filter[state]=deleted')).toEqual([])
    expect((await sources(sandbox, '&filter[state]=live')).length).toBe(
      (await sources(sandbox)).length
    )

    type Job = { state: { current: string }; events: { queued: string } }
    const jobs = async (query: string) =>
      (await call<Doc<Job[]>>('GET', `/v1/jobs?page[size]=100${query}`)).body.data
    const completed = await jobs('&filter[state]=completed')
    expect(completed.length).toBeGreaterThan(5)
    expect(completed.every((j) => j.state.current === 'completed')).toBe(true)
    expect((await jobs('&filter[state]=error')).map((j) => j.state.current)).toEqual(['error'])
    const oldestFirst = (await jobs('&sort=events.queued')).map((j) => j.events.queued)
    expect(oldestFirst).toEqual([...oldestFirst].sort())
    expect((await jobs('')).map((j) => j.events.queued)).toEqual([...oldestFirst].reverse())

    const names = (await sources(sandbox, '&sort=-name')).map((s) => s.name)
    expect(names).toEqual([...names].sort().reverse())
    const byState = (await images(sandbox, '&sort=state,name')).map(
      (i) => `${i.state.current} ${i.name}`
    )
    expect(byState).toEqual([...byState].sort())
  })
})
