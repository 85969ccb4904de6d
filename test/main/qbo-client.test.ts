import type { AddressInfo } from 'node:net'
import { compactDecrypt, exportJWK, generateKeyPair } from 'jose'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { ProviderError } from '../../src-main/providers/errors'
import { QboClient } from '../../src-main/providers/qbo/client'
import type { QboMessage } from '../../src-main/providers/qbo/messages'

/** A bare qbo-like server whose replies each test writes by hand. */
function bareServer(): Promise<{
  wss: WebSocketServer
  url: string
  next: () => Promise<WebSocket>
  cookies: string[]
}> {
  return new Promise((resolve) => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    const waiting: Array<(ws: WebSocket) => void> = []
    const cookies: string[] = []
    wss.on('connection', (ws, req) => {
      cookies.push(req.headers.cookie ?? '')
      waiting.shift()?.(ws)
    })
    wss.on('listening', () => {
      const { port } = wss.address() as AddressInfo
      resolve({
        wss,
        url: `ws://127.0.0.1:${port}/`,
        cookies,
        next: () => new Promise((r) => waiting.push(r))
      })
    })
  })
}

const envelope = (commandLine: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    timestamp: 1686713251461070,
    status: 'OK',
    code: 200,
    command_id: '4f6b2c1e-0000-4000-8000-000000000001',
    command_line: commandLine,
    command: 'CMD_GET',
    subcommand: 'SUBCMD_NODE',
    apicommand: 'APICMD_NONE',
    uuid: 'caller',
    user: 'alex@qbo.io',
    agent: 'qbo-thread/cloud-stage-4.3.0-eae6ee8ce',
    host: 'eadem.cloud.qbo.io',
    ...extra
  })

describe('qbo client', () => {
  let server: Awaited<ReturnType<typeof bareServer>>
  let client: QboClient
  beforeEach(async () => {
    server = await bareServer()
  })
  afterEach(() => {
    client?.close()
    server.wss.close()
  })

  it('authenticates a temporary token as qbo_uid with an empty qbo_aux', async () => {
    client = new QboClient({ url: server.url, auth: { kind: 'token', token: 'uid-1' } })
    const peer = server.next()
    await client.connect()
    await peer
    expect(server.cookies[0]).toBe('qbo_uid=uid-1; qbo_aux=')
  })

  it('sends a service account’s aux encrypted to its P-521 key (ECDH-ES, A256CBC-HS512)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ECDH-ES', {
      crv: 'P-521',
      extractable: true
    })
    const jwk = await exportJWK(publicKey)
    const key = { crv: 'P-521' as const, kty: 'EC' as const, x: jwk.x!, y: jwk.y! }
    client = new QboClient({
      url: server.url,
      auth: { kind: 'service-account', aux: 'aux-7', key }
    })
    const peer = server.next()
    await client.connect()
    await peer
    const cookies = new Map(
      server.cookies[0]!.split('; ').map((c) => c.split('=') as [string, string])
    )
    expect(cookies.get('qbo_aux')).toBe('aux-7')
    const { plaintext, protectedHeader } = await compactDecrypt(
      decodeURIComponent(cookies.get('qbo_uid')!),
      privateKey
    )
    expect(new TextDecoder().decode(plaintext)).toBe('aux-7')
    expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A256CBC-HS512' })
  })

  it('matches replies by command line, even interleaved with a mirror update', async () => {
    client = new QboClient(
      { url: server.url, auth: { kind: 'token', token: 'u' } },
      { callerId: 'caller' }
    )
    const peer = server.next()
    await client.connect()
    const ws = await peer
    const pushes: QboMessage[] = []
    client.on('push', (m) => pushes.push(m))
    ws.on('message', (data) => {
      const { cmd, uuid } = JSON.parse(String(data)) as { cmd: string; uuid: string }
      expect(uuid).toBe('caller')
      ws.send(envelope('qbo get images', { images: [] }))
      ws.send(envelope('qbo  get nodes  -A', { nodes: [{ name: 'n1' }] }))
      expect(cmd).toBe('get nodes -A')
    })
    const reply = await client.request('get nodes -A')
    expect(reply.nodes).toEqual([{ name: 'n1' }])
    expect(pushes).toHaveLength(1)
    expect(pushes[0]?.images).toEqual([])
  })

  it('turns an error envelope into a typed error carrying output[].message', async () => {
    client = new QboClient({ url: server.url, auth: { kind: 'token', token: 'u' } })
    const peer = server.next()
    await client.connect()
    const ws = await peer
    ws.on('message', () =>
      ws.send(
        envelope('qbo get nodes ghost', {
          status: 'ERROR',
          code: 404,
          output: [{ message: 'node ghost not found' }]
        })
      )
    )
    await expect(client.request('get nodes ghost')).rejects.toMatchObject({
      kind: 'rejected',
      message: 'node ghost not found',
      code: 404
    })
  })

  it('reports a frame that is not JSON without failing the connection', async () => {
    client = new QboClient({ url: server.url, auth: { kind: 'token', token: 'u' } })
    const peer = server.next()
    await client.connect()
    const ws = await peer
    const malformed = new Promise<ProviderError>((r) => client.on('malformed', r))
    ws.send('{not json')
    expect((await malformed).kind).toBe('protocol')
  })

  it('times out a command the server never answers', async () => {
    client = new QboClient(
      { url: server.url, auth: { kind: 'token', token: 'u' } },
      { requestTimeoutMs: 30 }
    )
    const peer = server.next()
    await client.connect()
    await peer
    await expect(client.request('version')).rejects.toMatchObject({ kind: 'network' })
  })

  it('fails pending commands and reports the loss when the socket drops', async () => {
    client = new QboClient({ url: server.url, auth: { kind: 'token', token: 'u' } })
    const peer = server.next()
    await client.connect()
    const ws = await peer
    const closed = new Promise<string>((r) => client.on('closed', r))
    const pending = client.request('get nodes -A')
    ws.terminate()
    await expect(pending).rejects.toMatchObject({ kind: 'network' })
    await closed
  })

  it('says plainly when nothing listens', async () => {
    const url = server.url
    server.wss.close()
    await new Promise((r) => server.wss.once('close', r))
    client = new QboClient({ url, auth: { kind: 'token', token: 'u' } })
    await expect(client.connect()).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/Nothing is listening|Could not connect/)
    })
  })
})
