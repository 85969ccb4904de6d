import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { INPUT_LIMITS, NewAccount, type Result } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import type { HeadlessServer } from '../../src-main/headless/server'
import { makeAgent, openStores } from '../support/agent'
import { tempDir } from '../support/temp-dir'
import { call, page, serve, watchUncaught } from './hardening-bridge-harness'

const KiB = 1024
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code)
const message = (r: Result<unknown>) => (r.ok ? '' : r.error.message)

/** Requests that fit in a frame but carry more than any form of ours would. */
describe('the contract refuses oversized requests as invalid, over the headless socket', () => {
  let dir: ReturnType<typeof tempDir>
  let stores: ReturnType<typeof openStores>
  let agent: Agent
  let server: HeadlessServer
  let ws: WebSocket
  let uncaught: ReturnType<typeof watchUncaught>
  beforeEach(async () => {
    dir = tempDir()
    uncaught = watchUncaught()
    stores = openStores(dir.path)
    agent = makeAgent(stores, dir.path, [])
    server = await serve(dir.path, agent)
    ws = await page(server)
  })
  afterEach(async () => {
    ws.close()
    await server.close()
    agent.stop()
    stores.close()
    uncaught.stop()
    dir.remove()
  })

  const build = (buildArgs: Record<string, string>) =>
    call(ws, 'cycleImages.build', { accountId: 'hub-1', sourceId: 'src-1', buildArgs })

  it('refuses a long pasted build argument with a clear message, and takes one of 64 KiB', async () => {
    const pasted = await build({ CERT: 'x'.repeat(900 * KiB) })
    expect(code(pasted)).toBe('invalid-request')
    expect(message(pasted)).toBe(
      'Invalid cycleImages.build request: buildArgs.CERT a build argument value is at most 64 KiB'
    )
    // At the limit the request is valid: it only fails for want of the account.
    expect(code(await build({ CERT: 'x'.repeat(INPUT_LIMITS.buildArgValue) }))).toBe('not-found')
    expect(uncaught.errors).toEqual([])
  })

  it('refuses too many build arguments, or a name too long', async () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`A${i}`, '1']))
    const tooMany = await build(many)
    expect(code(tooMany)).toBe('invalid-request')
    expect(message(tooMany)).toMatch(/at most 100 build arguments/)
    const longName = await build({ [`A${'B'.repeat(300)}`]: '1' })
    expect(code(longName)).toBe('invalid-request')
    expect(code(await build(Object.fromEntries(Object.entries(many).slice(1))))).toBe('not-found')
  })

  it('refuses lists of more than 1000 ids', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `src-${i}`)
    const prune = (n: number) =>
      call(ws, 'cycleImages.prune', { accountId: 'hub-1', sourceIds: ids(n) })
    expect(code(await prune(1001))).toBe('invalid-request')
    expect(code(await prune(1000))).toBe('not-found')
    const mark = (n: number) =>
      call(ws, 'notifications.markRead', { ids: Array.from({ length: n }, (_, i) => i) })
    expect(code(await mark(1001))).toBe('invalid-request')
    expect(code(await mark(1000))).toBe('ok')
  })

  it('refuses ids, names and searches longer than any real one', async () => {
    const long = 'a'.repeat(10 * KiB)
    expect(code(await call(ws, 'nodes.list', { accountId: long }))).toBe('invalid-request')
    expect(code(await call(ws, 'nodes.list', { cluster: long }))).toBe('invalid-request')
    expect(code(await call(ws, 'nodes.list', { search: long }))).toBe('invalid-request')
    expect(code(await call(ws, 'cycleImages.list', { state: long }))).toBe('invalid-request')
    expect(code(await call(ws, 'jobs.cancel', { jobId: long }))).toBe('invalid-request')
    expect(code(await call(ws, 'accounts.remove', { accountId: long }))).toBe('invalid-request')
    expect(code(await call(ws, 'nodes.list', { cluster: 'c'.repeat(253) }))).toBe('ok')
  })

  it('refuses an account whose host or address is longer than a DNS name or URL can be', () => {
    const qbo = { kind: 'qbo', name: 'a', port: 443, tls: true, token: 't' }
    expect(NewAccount.safeParse({ ...qbo, host: 'h'.repeat(254) }).success).toBe(false)
    expect(NewAccount.safeParse({ ...qbo, host: 'h'.repeat(253) }).success).toBe(true)
    const cycle = { kind: 'cycle', name: 'a', apiKey: 'k', hubId: 'f'.repeat(24) }
    const url = `https://api.example/${'p'.repeat(INPUT_LIMITS.url)}`
    expect(NewAccount.safeParse({ ...cycle, url }).success).toBe(false)
    expect(NewAccount.safeParse({ ...cycle, url: 'https://api.example/v1' }).success).toBe(true)
  })
})
