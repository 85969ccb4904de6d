import { afterEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../src-main/sandbox/index'
import { cycleFetch, sandboxPool } from '../support/sandboxes'

type ErrorBody = { error: { status: number; code: string }; data: null }
type DataBody<T> = { data: T }

const pool = sandboxPool({ stepMs: 5 })
afterEach(pool.closeAll)
const { start } = pool

const sourceBody = (name: string) => ({
  name,
  type: 'direct',
  origin: { type: 'docker-hub', details: { target: `${name}:1` } }
})
const sourceCount = (sandbox: Sandbox) => sandbox.cycle.state.sources.length
const sourceIdOf = (sandbox: Sandbox, name: string) =>
  sandbox.cycle.state.sources.find((s) => s.name === name)?.id ?? ''

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T
}

describe('Cycle faults', () => {
  it('dropResponse: the request takes effect, then the connection is cut without an answer', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    const before = sourceCount(sandbox)
    sandbox.faults.cycle.dropResponse('post', '/v1/images/sources', 2)

    // Another method on the same path is not touched.
    expect((await call('GET', '/v1/images/sources')).status).toBe(200)
    await expect(call('POST', '/v1/images/sources', sourceBody('one'))).rejects.toThrow()
    expect(sourceCount(sandbox)).toBe(before + 1)
    await expect(call('POST', '/v1/images/sources', sourceBody('two'))).rejects.toThrow()
    expect(sourceCount(sandbox)).toBe(before + 2)
    // Counted down: the third is answered, and nothing was applied twice.
    const third = await call('POST', '/v1/images/sources', sourceBody('three'))
    expect(third.status).toBe(201)
    expect(sourceCount(sandbox)).toBe(before + 3)
    expect(sandbox.cycle.state.sources.filter((s) => s.name === 'one')).toHaveLength(1)
  })

  it('dropResponse on an import: the job is started although the answer is lost', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    const created = await call('POST', '/v1/images', {
      source_id: sourceIdOf(sandbox, 'nginx'),
      override: { target: 'nginx:1.27.3' }
    })
    expect(created.status).toBe(201)
    const image = (await json<DataBody<{ id: string }>>(created)).data
    const jobs = sandbox.cycle.state.jobs.length
    sandbox.faults.cycle.dropResponse('POST', `/v1/images/${image.id}/tasks`)
    await expect(
      call('POST', `/v1/images/${image.id}/tasks`, { action: 'import' })
    ).rejects.toThrow()
    expect(sandbox.cycle.state.jobs.length).toBe(jobs + 1)
    // The job runs on; a retry is refused because the image is already importing.
    const retry = await call('POST', `/v1/images/${image.id}/tasks`, { action: 'import' })
    expect(retry.status).not.toBe(200)
    expect(sandbox.cycle.state.jobs.length).toBe(jobs + 1)
  })

  it('failWith: the status and envelope come back and nothing takes effect, N times', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    const before = sourceCount(sandbox)
    sandbox.faults.cycle.failWith('POST', '/v1/images/sources', 503, 2)
    for (let i = 0; i < 2; i++) {
      const refused = await call('POST', '/v1/images/sources', sourceBody('redis'))
      expect(refused.status).toBe(503)
      expect(await json<ErrorBody>(refused)).toMatchObject({
        error: { status: 503, code: '503.not-ready' },
        data: null
      })
      expect(sourceCount(sandbox)).toBe(before)
    }
    expect((await call('POST', '/v1/images/sources', sourceBody('redis'))).status).toBe(201)
    expect(sourceCount(sandbox)).toBe(before + 1)

    sandbox.faults.cycle.failWith('GET', '/v1/images', 500)
    const broken = await call('GET', '/v1/images/sources')
    expect(broken.status).toBe(500)
    expect((await json<ErrorBody>(broken)).error.code).toBe('500.unknown')
    expect((await call('GET', '/v1/images/sources')).status).toBe(200)
  })

  it('failWith 429 carries Retry-After (1 unless given)', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    sandbox.faults.cycle.failWith('GET', '/v1/jobs', 429, 1, 7)
    sandbox.faults.cycle.failWith('GET', '/v1/jobs', 429)
    const first = await call('GET', '/v1/jobs')
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('7')
    expect((await json<ErrorBody>(first)).error.code).toBe('429.rate-limiting')
    const second = await call('GET', '/v1/jobs')
    expect(second.status).toBe(429)
    expect(second.headers.get('retry-after')).toBe('1')
    const third = await call('GET', '/v1/jobs')
    expect(third.status).toBe(200)
    expect(third.headers.get('retry-after')).toBeNull()
  })

  it('delayMs: every answer waits, and reset() clears it', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    sandbox.faults.cycle.delayMs = 60
    const began = performance.now()
    expect((await call('GET', '/v1/images')).status).toBe(200)
    expect(performance.now() - began).toBeGreaterThanOrEqual(58)
    expect((await call('GET', '/v1/nope')).status).toBe(404)
    expect(performance.now() - began).toBeGreaterThanOrEqual(118)
    sandbox.faults.cycle.reset()
    expect(sandbox.faults.cycle.delayMs).toBe(0)
    expect(() => (sandbox.faults.cycle.delayMs = -1)).toThrow(RangeError)
  })

  it('malformed json: the next N GETs under the prefix get a 200 that is not JSON', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    sandbox.faults.cycle.malformed('/v1/images', 'json', 2)
    // Not a GET: untouched, and not counted.
    expect((await call('POST', '/v1/images/sources', sourceBody('redis'))).status).toBe(201)
    for (const path of ['/v1/images', '/v1/images/sources']) {
      const bad = await call('GET', path)
      expect(bad.status).toBe(200)
      await expect(bad.json()).rejects.toThrow()
    }
    const good = await call('GET', '/v1/images')
    expect(Array.isArray((await json<DataBody<unknown[]>>(good)).data)).toBe(true)
  })

  it('malformed types: valid JSON with wrong types, shaped like the real answer', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    const imageId = sandbox.cycle.state.images[0]?.id ?? ''
    sandbox.faults.cycle.malformed('/v1/images/sources', 'types')
    sandbox.faults.cycle.malformed(`/v1/images/${imageId}`, 'types')
    const list = await call('GET', '/v1/images/sources')
    expect(list.status).toBe(200)
    expect(await list.json()).toEqual({ data: [{ id: 5, name: null }] })
    const one = await call('GET', `/v1/images/${imageId}`)
    expect(await one.json()).toEqual({ data: { id: 5, name: null } })
    const fine = await json<DataBody<{ id: string }>>(await call('GET', `/v1/images/${imageId}`))
    expect(fine.data.id).toBe(imageId)
  })

  it('expireKey: every request answers 401.auth-expired and nothing takes effect', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    const before = sourceCount(sandbox)
    sandbox.faults.cycle.expireKey()
    for (const [method, path] of [
      ['GET', '/v1/images'],
      ['POST', '/v1/images/sources'],
      ['GET', '/v1/hubs/capabilities']
    ] as const) {
      const refused = await call(method, path, method === 'POST' ? sourceBody('x') : undefined)
      expect(refused.status).toBe(401)
      expect(await json<ErrorBody>(refused)).toMatchObject({
        error: { status: 401, code: '401.auth-expired' },
        data: null
      })
    }
    expect(sourceCount(sandbox)).toBe(before)
    sandbox.faults.reset()
    expect((await call('GET', '/v1/images')).status).toBe(200)
  })

  it('reset() turns every armed fault off; bad arguments are refused', async () => {
    const sandbox = await start()
    const call = cycleFetch(sandbox)
    const { cycle } = sandbox.faults
    cycle.dropResponse('GET', '/v1')
    cycle.failWith('GET', '/v1', 503)
    cycle.malformed('/v1', 'json')
    cycle.delayMs = 10_000
    cycle.expireKey()
    sandbox.faults.reset()
    const answer = await call('GET', '/v1/images')
    expect(answer.status).toBe(200)
    expect(Array.isArray((await json<DataBody<unknown[]>>(answer)).data)).toBe(true)

    expect(() => cycle.dropResponse('GET', '/v1', 0)).toThrow(RangeError)
    expect(() => cycle.failWith('GET', 'v1', 503)).toThrow(RangeError)
    expect(() => cycle.failWith('GET', '/v1', 404 as 500)).toThrow(RangeError)
    expect(() => cycle.malformed('/v1', 'xml' as 'json')).toThrow(RangeError)
    // Whatever was refused armed nothing.
    expect((await call('GET', '/v1/images')).status).toBe(200)
  })

  it('a delayed answer to a closing sandbox leaves nothing behind', async () => {
    const sandbox = await start()
    sandbox.faults.cycle.delayMs = 5_000
    const pending = cycleFetch(sandbox)('GET', '/v1/images')
    // The request is in once it has been recorded; then close while its answer waits.
    while (sandbox.cycle.requests.length === 0) await new Promise((r) => setImmediate(r))
    await sandbox.close()
    await expect(pending).rejects.toThrow()
  })
})
