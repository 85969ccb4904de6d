import { describe, expect, it } from 'vitest'
import { dispatch, type Handlers } from '../../src-main/agent/dispatch'
import { ok } from '@contract'

const emptyPage = { items: [], total: 0, offset: 0, asOf: null }
const seen: unknown[] = []
// Only the methods these tests reach; dispatch looks handlers up by name.
const handlers = {
  'accounts.list': () => ok([]),
  'accounts.reconnect': () => ok(null),
  'accounts.refresh': () => ok(null),
  'nodes.list': (q) => {
    seen.push(q)
    return ok(emptyPage)
  },
  'nodes.clusters': () => ok([]),
  'images.list': () => {
    throw new Error('disk on fire')
  },
  'networks.list': () => ok(emptyPage)
} as Partial<Handlers> as Handlers

describe('dispatch: the contract boundary', () => {
  it('refuses unknown methods, including inherited names', async () => {
    expect(await dispatch(handlers, 'nodes.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' }
    })
    expect(await dispatch(handlers, 'toString', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' }
    })
    expect(await dispatch(handlers, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' }
    })
  })

  it.each([
    [{ limit: 0 }],
    [{ limit: 10_000 }],
    [{ offset: -1 }],
    [{ sort: { field: 'raw; DROP TABLE nodes', dir: 'asc' } }],
    [{ search: 'x'.repeat(201) }],
    [{ unexpected: true }],
    ['not an object']
  ])('rejects a malformed nodes.list payload %j with a clear message', async (input) => {
    const result = await dispatch(handlers, 'nodes.list', input)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', retryable: false }
    })
    if (!result.ok) expect(result.error.message).toMatch(/^Invalid nodes.list request: /)
  })

  it('fills defaults before the handler sees the query', async () => {
    seen.length = 0
    await dispatch(handlers, 'nodes.list', undefined)
    expect(seen[0]).toEqual({ offset: 0, limit: 100 })
  })

  it('turns a thrown error into an internal error value', async () => {
    expect(await dispatch(handlers, 'images.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire', retryable: false }
    })
  })
})
