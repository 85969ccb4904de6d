import { describe, expect, it } from 'vitest'
import { envelope, missingCapability } from '../../src-main/sandbox/cycle/errors'
import { seedCycle } from '../../src-main/sandbox/cycle/seed'
import { matchPath, validateRequest, validateResponse } from '../support/cycle-spec'

const ID = '5f0c3a2b1d4e6f7a8b9c0d1e'

describe('the Cycle spec validator', () => {
  it('maps concrete paths to the spec templates, literal segments first', () => {
    expect(matchPath('GET', `/v1/images/${ID}`)).toBe('/v1/images/{imageId}')
    expect(matchPath('GET', `/v1/images/${ID}?include=creators`)).toBe('/v1/images/{imageId}')
    expect(matchPath('GET', '/v1/images/sources')).toBe('/v1/images/sources')
    expect(matchPath('POST', '/v1/images/tasks')).toBe('/v1/images/tasks')
    expect(matchPath('POST', `/v1/images/${ID}/tasks`)).toBe('/v1/images/{imageId}/tasks')
    expect(matchPath('DELETE', `/v1/images/sources/${ID}`)).toBe('/v1/images/sources/{sourceId}')
    expect(matchPath('GET', '/v1/jobs/latest')).toBe('/v1/jobs/latest')
    expect(matchPath('GET', `/v1/jobs/${ID}`)).toBe('/v1/jobs/{jobId}')
    expect(matchPath('PUT', '/v1/images')).toBeNull()
    expect(matchPath('GET', '/v1/nope')).toBeNull()
  })

  it('accepts seeded resources and refuses drifted ones', () => {
    const state = seedCycle()
    const image = state.images[0]
    expect(validateResponse('GET', '/v1/images/{imageId}', 200, { data: image })).toEqual({
      ok: true
    })
    const drifted = { ...image, hub_id: undefined, state: { current: 'ready' } }
    const result = validateResponse('GET', '/v1/images/{imageId}', 200, { data: drifted })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors).toMatch(/hub_id/)
    // Ids must be 24 hex characters (the spec's `objectid` format).
    expect(
      validateResponse('GET', '/v1/jobs', 200, { data: [{ ...state.jobs[0], id: 'x' }] }).ok
    ).toBe(false)
  })

  it('checks error envelopes, with status, code and title all required', () => {
    const error = { status: 404, code: '404.image', title: 'Image not found' }
    expect(validateResponse('GET', '/v1/images/{imageId}', 404, { error, data: null }).ok).toBe(
      true
    )
    const untitled = { error: { status: 404, code: '404.image' }, data: null }
    expect(validateResponse('GET', '/v1/images/{imageId}', 404, untitled).ok).toBe(false)
    const invented = { error: { ...error, code: '404.picture' }, data: null }
    expect(validateResponse('GET', '/v1/images/{imageId}', 404, invented).ok).toBe(false)
    // A path the spec lacks can only answer with the general envelope.
    const uri = { error: { status: 404, code: '404.uri', title: 'Not found' }, data: null }
    expect(validateResponse('GET', null, 404, uri).ok).toBe(true)
    expect(validateResponse('GET', null, 200, { data: [] }).ok).toBe(false)
  })

  it('accepts the OAuth-style body only for 401', () => {
    const oauth = { error: 'invalid_token', error_description: 'no key' }
    expect(validateResponse('GET', '/v1/images', 401, oauth).ok).toBe(true)
    expect(validateResponse('GET', '/v1/images', 403, oauth).ok).toBe(false)
  })

  it('takes 200 and 202 for job descriptors, but not other undocumented statuses', () => {
    const descriptor = { data: { action: 'prune' } }
    expect(validateResponse('POST', '/v1/images/tasks', 202, descriptor).ok).toBe(true)
    expect(validateResponse('POST', '/v1/images/tasks', 200, descriptor).ok).toBe(true)
    const image = { data: seedCycle().images[0] }
    expect(validateResponse('POST', '/v1/images', 201, image).ok).toBe(true)
    expect(validateResponse('POST', '/v1/images', 200, image).ok).toBe(false)
  })

  it('validates request bodies', () => {
    expect(validateRequest('POST', '/v1/images', { source_id: ID }).ok).toBe(true)
    expect(validateRequest('POST', '/v1/images', { name: 'x' }).ok).toBe(false)
    const prune = { action: 'prune', contents: { source_ids: [ID] } }
    expect(validateRequest('POST', '/v1/images/tasks', prune).ok).toBe(true)
    expect(validateRequest('POST', '/v1/images/tasks', { action: 'prune' }).ok).toBe(false)
    expect(validateRequest('POST', '/v1/images/{imageId}/tasks', { action: 'build' }).ok).toBe(
      false
    )
    expect(validateRequest('GET', '/v1/images', undefined).ok).toBe(true)
  })

  it('accepts every seeded resource of the richer shapes, their includes and the import refusal', () => {
    const state = seedCycle()
    const ok = { ok: true }
    expect(validateResponse('GET', '/v1/images', 200, { data: state.images })).toEqual(ok)
    expect(validateResponse('GET', '/v1/images/sources', 200, { data: state.sources })).toEqual(ok)
    expect(validateResponse('GET', '/v1/jobs', 200, { data: state.jobs })).toEqual(ok)
    const byId = <T extends { id: string }>(items: T[]) =>
      Object.fromEntries(items.map((item) => [item.id, item]))
    const includes = {
      creators: {
        accounts: byId(state.accounts),
        employees: byId(state.employees),
        visitors: byId(state.visitors),
        environments: byId(state.environments),
        api_keys: byId(state.keys.map((k) => k.resource))
      },
      stacks: byId(state.stacks),
      stack_builds: byId(state.stackBuilds),
      integrations: byId(state.integrations),
      sources: byId(state.sources)
    }
    for (const kinds of Object.values(includes))
      expect(Object.keys(kinds).length).toBeGreaterThan(0)
    expect(validateResponse('GET', '/v1/images', 200, { data: [], includes })).toEqual(ok)
    // The import task's own capability, which the enum lacks (patched in cycle-spec.ts).
    const refusal = envelope(missingCapability('images-import').body)
    expect(validateResponse('POST', '/v1/images/{imageId}/tasks', 403, refusal)).toEqual(ok)
  })
})
