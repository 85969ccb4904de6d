import { once } from 'node:events'
import { request as httpRequest } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { z } from 'zod'
import { DEFAULT_QBO_TOKEN } from '../../src-main/sandbox/index'
import { sandboxPool } from '../support/sandboxes'

const Envelope = z.object({
  timestamp: z.number().int().positive(),
  status: z.string(),
  code: z.number().int(),
  command_id: z.uuid(),
  command_line: z.string(),
  command: z.string(),
  subcommand: z.string(),
  apicommand: z.string(),
  uuid: z.string(),
  user: z.string(),
  agent: z.string(),
  peer: z.string(),
  host: z.string(),
  source: z.string(),
  wsi: z.string().regex(/^0x[0-9a-f]+$/),
  thread_id: z.number().int(),
  vhost: z.string()
})
type Message = z.infer<typeof Envelope> & Record<string, unknown>

const PAYLOADS = [
  'nodes',
  'images',
  'networks',
  'clusters',
  'pods',
  'services',
  'ipvs',
  'version',
  'output'
]

const pool = sandboxPool()
afterEach(pool.closeAll)
const { start, track } = pool

function cookieFor(token: string): string {
  return `qbo_uid=${token}; qbo_aux=`
}

/** Opens a client the way Berth does: cookie on the upgrade, subprotocol `qbo` offered. */
async function connect(url: string, token: string): Promise<WebSocket> {
  const ws = track(new WebSocket(url, 'qbo', { headers: { Cookie: cookieFor(token) } }))
  await once(ws, 'open')
  return ws
}

/** Resolves with the HTTP status and body of a refused upgrade. */
function refusal(url: string, headers: Record<string, string>) {
  const ws = track(new WebSocket(url, 'qbo', { headers }))
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    ws.on('open', () => reject(new Error('upgrade was accepted')))
    ws.on('error', reject)
    ws.on('unexpected-response', (_req, res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
  })
}

async function nextMessage(ws: WebSocket): Promise<Message> {
  const [data] = (await once(ws, 'message')) as [Buffer]
  const json: unknown = JSON.parse(data.toString('utf8'))
  const envelope = Envelope.parse(json)
  const payloads = PAYLOADS.filter((key) => key in (json as object))
  expect(payloads).toHaveLength(1)
  return { ...(json as Record<string, unknown>), ...envelope }
}

async function ask(ws: WebSocket, cmd: string, uuid = 'caller-1'): Promise<Message> {
  const reply = nextMessage(ws)
  ws.send(JSON.stringify({ cmd, uuid }))
  return reply
}

describe('qbo sandbox over WebSocket', () => {
  it('answers get nodes/images/networks with a full envelope', async () => {
    const sandbox = await start()
    const ws = await connect(sandbox.qbo.url, sandbox.qbo.token)
    expect(ws.protocol).toBe('qbo')

    const nodes = await ask(ws, 'get nodes -A', 'me-123')
    expect(nodes).toMatchObject({
      status: 'OK',
      code: 200,
      command_line: 'qbo get nodes -A',
      command: 'CMD_GET',
      subcommand: 'SUBCMD_NODE',
      apicommand: 'APICMD_NONE',
      uuid: 'me-123',
      user: 'sandbox@berth.local',
      peer: '127.0.0.1',
      vhost: 'proxy'
    })
    // Microseconds: about a thousand times the millisecond clock.
    expect(nodes.timestamp / 1000).toBeGreaterThan(Date.now() - 60_000)
    expect(nodes.timestamp / 1000).toBeLessThan(Date.now() + 60_000)
    expect(nodes.nodes).toEqual(sandbox.qbo.hub.nodes)

    const plain = await ask(ws, 'get nodes')
    expect(plain.nodes).toEqual(sandbox.qbo.hub.nodes)
    expect(plain.command_id).not.toBe(nodes.command_id)

    for (const cmd of ['get images', 'get images -A']) {
      const images = await ask(ws, cmd)
      expect(images).toMatchObject({ code: 200, subcommand: 'SUBCMD_IMAGE' })
      expect(images.images).toEqual(sandbox.qbo.hub.images)
    }
    for (const cmd of ['get networks', 'get net -A']) {
      const networks = await ask(ws, cmd)
      expect(networks).toMatchObject({ code: 200, subcommand: 'SUBCMD_NETWORK' })
      expect(networks.networks).toEqual(sandbox.qbo.hub.networks)
    }
    const version = await ask(ws, 'version')
    expect(version).toMatchObject({ code: 200, subcommand: 'SUBCMD_VERSION' })
    expect(version.version).toHaveLength(2)
  })

  it('filters by name, 404s unknown names and 400s bad requests', async () => {
    const sandbox = await start()
    const ws = await connect(sandbox.qbo.url, sandbox.qbo.token)
    const node = sandbox.qbo.hub.nodes[1]

    const one = await ask(ws, `get nodes ${node?.name}`)
    expect(one.nodes).toEqual([node])

    const missing = await ask(ws, 'get clusters nope', 'me-404')
    expect(missing).toMatchObject({ code: 404, uuid: 'me-404' })
    expect(missing.status).not.toBe('OK')
    expect(missing.output).toEqual([{ message: "cluster 'nope' not found" }])

    const malformed = nextMessage(ws)
    ws.send('{"cmd": "get nodes"')
    expect(await malformed).toMatchObject({ code: 400, output: [{ message: expect.any(String) }] })

    const unknown = await ask(ws, 'launch rockets', 'me-400')
    expect(unknown).toMatchObject({ code: 400, uuid: 'me-400' })
    expect(unknown.status).not.toBe('OK')

    const binary = nextMessage(ws)
    ws.send(Buffer.from([0, 1, 2, 255]), { binary: true })
    expect(await binary).toMatchObject({ code: 400 })

    const huge = nextMessage(ws)
    ws.send(JSON.stringify({ cmd: 'get nodes', pad: 'x'.repeat(200_000) }))
    expect(await huge).toMatchObject({ code: 400 })

    // Still serving after all that garbage.
    expect(await ask(ws, 'version')).toMatchObject({ code: 200 })
  })

  it('gives every command its own command_id', async () => {
    const sandbox = await start()
    const ws = await connect(sandbox.qbo.url, sandbox.qbo.token)
    const ids = new Set<string>()
    for (let i = 0; i < 5; i++) ids.add((await ask(ws, 'get clusters')).command_id)
    expect(ids.size).toBe(5)
  })

  it('refuses a missing or wrong cookie with 401 and accepts the right one', async () => {
    const sandbox = await start()
    const { url, token } = sandbox.qbo
    expect(token).toBe(DEFAULT_QBO_TOKEN)

    const attempts: Record<string, string>[] = [
      {},
      { Cookie: cookieFor('wrong') },
      { Cookie: 'qbo_aux=' + token }
    ]
    for (const headers of attempts) {
      const refused = await refusal(url, headers)
      expect(refused.status).toBe(401)
      expect(JSON.parse(refused.body)).toEqual({ error: 'authentication failed' })
    }

    const messy = track(
      new WebSocket(url, {
        headers: { Cookie: `theme=dark;qbo_uid = ${encodeURIComponent(token)} ;qbo_aux=` }
      })
    )
    await once(messy, 'open')
    expect(sandbox.qbo.clientCount()).toBe(1)

    const viaQboPath = await connect(url.replace(/\/$/, '/qbo'), token)
    expect(viaQboPath.readyState).toBe(WebSocket.OPEN)
  })

  it('404s plain HTTP requests and upgrades to unknown paths', async () => {
    const sandbox = await start()
    const req = httpRequest({ host: '127.0.0.1', port: sandbox.port, path: '/v1/anything' })
    req.end()
    const [res] = (await once(req, 'response')) as [IncomingMessage]
    expect(res.statusCode).toBe(404)
    res.resume()
    const refused = await refusal(`ws://127.0.0.1:${sandbox.port}/elsewhere`, {
      Cookie: cookieFor(sandbox.qbo.token)
    })
    expect(refused.status).toBe(404)
  })

  it('restarts on the same port and accepts the same default token', async () => {
    const first = await start({ seed: 3 })
    // A fresh service account is made per start unless its key is handed back in.
    const { qbo_uid: publicKey, qbo_aux: aux } = first.connection().qbo.serviceAccount
    expect(publicKey).not.toHaveProperty('d')
    const ws = await connect(first.qbo.url, DEFAULT_QBO_TOKEN)
    const closed = once(ws, 'close')
    await first.close()
    await closed

    const second = await start({ port: first.port, seed: 3 })
    expect(second.port).toBe(first.port)
    expect(second.connection().qbo.url).toBe(first.connection().qbo.url)
    expect(second.connection().qbo.token).toBe(first.connection().qbo.token)
    expect(second.connection().qbo.serviceAccount.qbo_uid).not.toEqual(publicKey)
    expect(second.connection().qbo.serviceAccount.qbo_aux).not.toBe(aux)
    const again = await connect(second.qbo.url, DEFAULT_QBO_TOKEN)
    expect((await ask(again, 'get nodes')).nodes).toEqual(first.qbo.hub.nodes)
  })

  it('pushes setNodeState to every connected client', async () => {
    const sandbox = await start()
    const a = await connect(sandbox.qbo.url, sandbox.qbo.token)
    const b = await connect(sandbox.qbo.url, sandbox.qbo.token)
    await ask(a, 'version', 'caller-a')
    expect(sandbox.qbo.clientCount()).toBe(2)

    const node = sandbox.qbo.hub.nodes[0]
    if (node === undefined) throw new Error('seed has no nodes')
    const pushes = Promise.all([nextMessage(a), nextMessage(b)])
    sandbox.qbo.setNodeState(node.name, 'stopped')
    const [toA, toB] = await pushes
    for (const push of [toA, toB]) {
      expect(push).toMatchObject({ code: 200, subcommand: 'SUBCMD_NODE', command: 'CMD_GET' })
      expect(push.nodes).toEqual([{ ...node, state: 'stopped' }])
    }
    expect(toA.uuid).toBe('caller-a')
    expect(sandbox.qbo.hub.nodes[0]?.state).toBe('stopped')
    expect(() => sandbox.qbo.setNodeState('no-such-node', 'ready')).toThrow()
  })

  it('drops every client on dropClients and still accepts new ones', async () => {
    const sandbox = await start()
    const a = await connect(sandbox.qbo.url, sandbox.qbo.token)
    const b = await connect(sandbox.qbo.url, sandbox.qbo.token)
    const closed = Promise.all([once(a, 'close'), once(b, 'close')])
    sandbox.qbo.dropClients()
    await closed
    expect(sandbox.qbo.clientCount()).toBe(0)
    const c = await connect(sandbox.qbo.url, sandbox.qbo.token)
    expect(await ask(c, 'version')).toMatchObject({ code: 200 })
  })
})
