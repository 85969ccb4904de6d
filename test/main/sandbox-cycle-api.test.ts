import { afterEach, describe, expect, it } from 'vitest'
import { parseSandboxArgs } from '../../src-main/sandbox/cli-args'
import type { Doc, Item } from '../support/cycle-docs'
import { matchPath, validateRequest } from '../support/cycle-spec'
import { cycleApi as api, sandboxPool } from '../support/sandboxes'

// Every answer below goes through createCycleClient: it must satisfy Cycle's OpenAPI document.

type ErrorDoc = {
  error: { status: number; code: string; source?: string; extra?: { capability?: string } }
}

const pool = sandboxPool({ stepMs: 5 })
afterEach(pool.closeAll)
const { start } = pool

describe('Cycle emulator: images and sources', () => {
  it('creates, reads and renames images and sources', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const sourceBody = {
      name: 'redis',
      type: 'direct',
      origin: { type: 'docker-hub', details: { target: 'redis:7.4' } },
      about: { description: 'cache' }
    }
    expect(validateRequest('POST', '/v1/images/sources', sourceBody)).toEqual({ ok: true })
    const created = await call<Doc<Item & { identifier: string }>>(
      'POST',
      '/v1/images/sources',
      sourceBody
    )
    expect(created.status).toBe(201)
    expect(created.body.data).toMatchObject({
      name: 'redis',
      identifier: 'redis',
      state: { current: 'live' }
    })
    const sourceId = created.body.data.id
    const renamedSource = await call<Doc<Item>>('PATCH', `/v1/images/sources/${sourceId}`, {
      name: 'redis-cache'
    })
    expect(renamedSource.body.data.name).toBe('redis-cache')
    expect((await call<Doc<Item>>('GET', `/v1/images/sources/${sourceId}`)).body.data.name).toBe(
      'redis-cache'
    )

    const imageBody = { source_id: sourceId, build: { args: { A: '1' } } }
    expect(validateRequest('POST', '/v1/images', imageBody)).toEqual({ ok: true })
    const image = await call<Doc<Item>>('POST', '/v1/images', imageBody)
    expect(image.status).toBe(201)
    expect(image.body.data).toMatchObject({ name: 'redis:7.4', size: 0, state: { current: 'new' } })
    const id = image.body.data.id
    const log = await call<ErrorDoc>('GET', `/v1/images/${id}/build-log`)
    expect(log.status).toBe(404)
    expect(log.body.error.code).toBe('404.image.build-log')
    const renamed = await call<Doc<Item>>('PATCH', `/v1/images/${id}`, { name: 'cache' })
    expect(renamed.body.data.name).toBe('cache')
    expect((await call<Doc<Item>>('GET', `/v1/images/${id}`)).body.data.name).toBe('cache')
  })

  it('answers unknown ids and paths with the right 404 codes', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const missing = '0123456789abcdef01234567'
    const cases: [string, string, string][] = [
      ['GET', `/v1/images/${missing}`, '404.image'],
      ['DELETE', `/v1/images/${missing}`, '404.image'],
      ['GET', `/v1/images/${missing}/build-log`, '404.image'],
      ['GET', `/v1/images/sources/${missing}`, '404.image.source'],
      ['GET', `/v1/jobs/${missing}`, '404.job'],
      ['GET', '/v1/containers', '404.uri'],
      ['PUT', '/v1/images', '404.uri']
    ]
    for (const [method, path, code] of cases) {
      const answer = await call<ErrorDoc>(method, path)
      expect({ path, status: answer.status, code: answer.body.error.code }).toEqual({
        path,
        status: 404,
        code
      })
    }
    const prune = await call<ErrorDoc>('POST', '/v1/images/tasks', {
      action: 'prune',
      contents: { source_ids: [missing] }
    })
    expect(prune.body.error).toMatchObject({
      code: '404.image.source',
      source: '/contents/source_ids/0'
    })
  })

  it('refuses bad bodies with 422 and a pointer to the problem', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const image = (await call<Doc<Item[]>>('GET', '/v1/images?filter[state]=new')).body.data[0]
    const cases: [string, string, unknown, string, string][] = [
      ['POST', '/v1/images', {}, '422.missing-argument', '/source_id'],
      ['POST', '/v1/images', { source_id: 5 }, '422.invalid-input', '/source_id'],
      ['POST', '/v1/images/tasks', { action: 'prune' }, '422.missing-argument', '/contents'],
      [
        'POST',
        '/v1/images/tasks',
        { action: 'prune', contents: { source_ids: [] } },
        '422.invalid-input',
        '/contents/source_ids'
      ],
      [
        'POST',
        `/v1/images/${image?.id}/tasks`,
        { action: 'build' },
        '422.invalid-input',
        '/action'
      ],
      ['PATCH', `/v1/images/${image?.id}`, { name: '' }, '422.invalid-input', '/name'],
      [
        'POST',
        '/v1/images/sources',
        { type: 'direct', origin: { type: 'ftp' } },
        '422.invalid-input',
        '/origin/type'
      ]
    ]
    for (const [method, path, body, code, source] of cases) {
      const answer = await call<ErrorDoc>(method, path, body)
      expect({ path, http: answer.status, ...answer.body.error }).toMatchObject({
        path,
        http: 422,
        status: 422,
        code,
        source
      })
    }
    const syntax = await call<ErrorDoc>('POST', '/v1/images', undefined, { raw: '{"source_id":' })
    expect(syntax).toMatchObject({ status: 400, body: { error: { code: '400.invalid-syntax' } } })
    const page = await call<ErrorDoc>('GET', '/v1/images?page[size]=0')
    expect(page).toMatchObject({ status: 422, body: { error: { code: '422.invalid-argument' } } })
  })
})

describe('Cycle emulator: auth', () => {
  it('refuses missing, malformed and unknown keys and the wrong hub', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const none = await call<{ error: string; error_description: string }>(
      'GET',
      '/v1/images',
      undefined,
      { key: null }
    )
    expect(none.status).toBe(401)
    expect(none.body).toEqual({ error: 'invalid_token', error_description: expect.any(String) })
    const basic = await call('GET', '/v1/images', undefined, {
      key: null,
      headers: { Authorization: 'Basic abc' }
    })
    expect(basic).toMatchObject({ status: 401, body: { error: 'invalid_token' } })
    const unknown = await call<ErrorDoc>('GET', '/v1/images', undefined, { key: 'not-a-key' })
    expect(unknown).toMatchObject({
      status: 401,
      body: { error: { code: '401.auth-invalid' }, data: null }
    })
    const otherHub = await call<ErrorDoc>('GET', '/v1/jobs', undefined, {
      hubId: '0123456789abcdef01234567'
    })
    expect(otherHub).toMatchObject({ status: 403, body: { error: { code: '403.wrong-hub' } } })
    const noHub = await call<ErrorDoc>('GET', '/v1/hubs/current', undefined, { hubId: null })
    expect(noHub).toMatchObject({ status: 403, body: { error: { code: '403.wrong-hub' } } })
  })

  it('gives the no-manage key read access but 403.permissions, naming the capability, on every change', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    const key = sandbox.cycle.keys.noManage
    expect(key).not.toBe(sandbox.cycle.keys.full)
    const images = await call<Doc<Item[]>>('GET', '/v1/images', undefined, { key })
    expect(images.status).toBe(200)
    const image = images.body.data.find(
      (i) => i.state.current === 'new' && i.state.error === undefined
    )
    const source = image?.source.details.id
    // Import is the one change that needs `images-import` rather than `images-manage`.
    const changes: [string, string, unknown, string][] = [
      ['POST', '/v1/images', { source_id: source }, 'images-manage'],
      ['PATCH', `/v1/images/${image?.id}`, { name: 'x' }, 'images-manage'],
      ['DELETE', `/v1/images/${image?.id}`, undefined, 'images-manage'],
      ['POST', `/v1/images/${image?.id}/tasks`, { action: 'import' }, 'images-import'],
      [
        'POST',
        '/v1/images/tasks',
        { action: 'prune', contents: { source_ids: [source] } },
        'images-manage'
      ]
    ]
    for (const [method, path, body, capability] of changes) {
      const answer = await call<ErrorDoc>(method, path, body, { key })
      expect({ path, status: answer.status, error: answer.body.error }).toMatchObject({
        path,
        status: 403,
        error: { code: '403.permissions', extra: { capability } }
      })
    }
    // It still manages sources and reads jobs; nothing above changed the hub.
    expect((await call('GET', '/v1/jobs', undefined, { key })).status).toBe(200)
    expect((await call<Doc<Item[]>>('GET', '/v1/images')).body.data).toEqual(images.body.data)
  })
})

describe('Cycle emulator: request log', () => {
  it('records method, path, every query value and the parsed body', async () => {
    const sandbox = await start()
    const call = api(sandbox)
    sandbox.cycle.requests.length = 0
    await call('GET', '/v1/images?include=creators&include=sources&page[size]=2')
    const source = sandbox.cycle.state.sources[0]?.id
    await call('POST', '/v1/images', { source_id: source, name: 'recorded' })
    await call('POST', '/v1/images', undefined, { raw: 'not json' })
    const [list, create, raw] = sandbox.cycle.requests
    expect(list).toMatchObject({
      method: 'GET',
      path: '/v1/images',
      query: { include: ['creators', 'sources'], 'page[size]': ['2'] },
      body: undefined
    })
    expect(create).toMatchObject({
      method: 'POST',
      path: '/v1/images',
      body: { source_id: source, name: 'recorded' }
    })
    expect(create?.headers['x-hub-id']).toBe(sandbox.cycle.hubId)
    expect(raw?.body).toBe('not json')
    expect(matchPath('POST', create?.path ?? '')).toBe('/v1/images')
  })
})

describe('sandbox command line: --cycle-key', () => {
  it('takes a bearer-token key and refuses anything else', async () => {
    expect(parseSandboxArgs(['--cycle-key', 'abc.DEF_1-2~+/=='])).toEqual({
      ok: true,
      args: { json: false, help: false, port: 0, cycleKey: 'abc.DEF_1-2~+/==' }
    })
    for (const bad of ['has space', '', 'a=b']) {
      const parsed = parseSandboxArgs(['--cycle-key', bad])
      expect(parsed.ok).toBe(false)
    }
    const sandbox = await start({ cycleApiKey: 'abc.DEF_1-2~+/==' })
    expect(sandbox.connection().cycle.apiKey).toBe('abc.DEF_1-2~+/==')
    const hub = await api(sandbox)('GET', '/v1/hubs/current')
    expect(hub.status).toBe(200)
    await expect(start({ cycleApiKey: sandbox.cycle.keys.noManage })).rejects.toThrow(RangeError)
  })
})
