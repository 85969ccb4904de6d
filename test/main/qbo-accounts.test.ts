import { readFileSync } from 'node:fs'
import { exportJWK, generateKeyPair } from 'jose'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountView, MethodOutput } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores } from '../support/agent'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

describe('adding qbo accounts', () => {
  let dir: ReturnType<typeof tempDir>
  let sandbox: Sandbox
  let stores: ReturnType<typeof openStores>
  let agent: Agent

  const start = (): Agent => {
    agent = makeAgent(stores, dir.path, [])
    agent.start()
    return agent
  }
  const manual = (token: string) => ({
    kind: 'qbo' as const,
    name: 'Lab',
    host: '127.0.0.1',
    port: sandbox.port,
    tls: false,
    token
  })

  beforeEach(async () => {
    dir = tempDir()
    sandbox = await startSandbox()
    stores = openStores(dir.path)
  })
  afterEach(async () => {
    agent?.stop()
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('tests a connection before saving: version, user and host — or why not', async () => {
    start()
    const report = await agent.call('accounts.test', manual(sandbox.connection().qbo.token))
    expect(report).toMatchObject({ ok: true, value: { user: 'sandbox@berth.local' } })
    expect(await agent.call('accounts.test', manual('wrong'))).toMatchObject({
      ok: false,
      error: { code: 'auth-failed', message: expect.stringMatching(/refused the credential/) }
    })
    expect(await agent.call('accounts.test', { ...manual('x'), port: 1 })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', retryable: true }
    })
  })

  it('saves an account with its token sealed, connects it, and keeps it across restarts', async () => {
    start()
    const token = sandbox.connection().qbo.token
    const online = nextEvent(agent, accountState('online', 'qbo:Lab'))
    const added = await agent.call('accounts.add', manual(token))
    expect(added).toMatchObject({
      ok: true,
      value: { id: 'qbo:Lab', endpoint: `ws://127.0.0.1:${sandbox.port}/` }
    })
    await online
    expect(await agent.call('accounts.add', manual(token))).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already exists/) }
    })

    agent.stop()
    stores.close()
    for (const file of ['state.sqlite', 'state.sqlite-wal', 'cache.sqlite', 'cache.sqlite-wal']) {
      expect(readFileSync(`${dir.path}/${file}`, { flag: 'a+' }).includes(token)).toBe(false)
    }
    stores = openStores(dir.path)
    start()
    await nextEvent(agent, accountState('online', 'qbo:Lab'))

    expect(await agent.call('accounts.remove', { accountId: 'qbo:Lab' })).toEqual({
      ok: true,
      value: null
    })
    expect(await agent.call('accounts.list', {})).toEqual({ ok: true, value: [] })
  })

  it('imports a CLI service-account file and authenticates with the JWE the server decrypts', async () => {
    start()
    const file = JSON.stringify(sandbox.connection().qbo.serviceAccount)
    const online = nextEvent(agent, accountState('online', 'qbo:Cloud'))
    const added = await agent.call('accounts.add', {
      kind: 'qbo-import',
      name: 'Cloud',
      file,
      tls: false
    })
    expect(added.ok).toBe(true)
    await online
    const nodes = await agent.call('accounts.refresh', {})
    expect(nodes.ok).toBe(true)
    const page = (await agent.call('nodes.list', {})) as {
      ok: true
      value: MethodOutput<'nodes.list'>
    }
    expect(page.value.total).toBe(sandbox.qbo.hub.nodes.length)
  })

  it('imports a temporary-token CLI file too', async () => {
    start()
    const file = JSON.stringify({
      qbo_port: sandbox.port,
      qbo_host: '127.0.0.1',
      qbo_uid: sandbox.connection().qbo.token
    })
    const online = nextEvent(agent, accountState('online', 'qbo:Temp'))
    await agent.call('accounts.add', { kind: 'qbo-import', name: 'Temp', file })
    await online
  })

  it('reports a service account whose key is not the server’s as an authentication failure', async () => {
    start()
    const other = await exportJWK(
      (await generateKeyPair('ECDH-ES', { crv: 'P-521', extractable: true })).publicKey
    )
    const file = JSON.stringify({
      ...sandbox.connection().qbo.serviceAccount,
      qbo_uid: { crv: 'P-521', kty: 'EC', x: other.x, y: other.y }
    })
    const failed = nextEvent(agent, accountState('auth-failed', 'qbo:Stranger'))
    await agent.call('accounts.add', { kind: 'qbo-import', name: 'Stranger', file, tls: false })
    const event = await failed
    expect(event.type === 'account' && (event.account as AccountView).status).toMatchObject({
      state: 'auth-failed'
    })
  })

  it('says what is wrong with a file that is not a qbo CLI file', async () => {
    start()
    expect(
      await agent.call('accounts.add', { kind: 'qbo-import', name: 'X', file: '{"hello":1}' })
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringMatching(/not a qbo CLI file: qbo_host/)
      }
    })
    expect(
      await agent.call('accounts.add', { kind: 'qbo-import', name: 'X', file: 'nope' })
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not JSON/) }
    })
  })
})
