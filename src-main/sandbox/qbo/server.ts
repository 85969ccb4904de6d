import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import type { RawData } from 'ws'
import { answerFrame, badRequest, nodesUpdate } from './commands'
import { buildEnvelope } from './envelope'
import type { CommandOutcome, ConnectionInfo, QboEnvelope } from './envelope'
import type { QboHub } from './seed'

export type { QboHub } from './seed'

export interface QboSandbox {
  url: string
  token: string
  hub: QboHub
  clientCount(): number
  /**
   * Replace a node's state and push a mirror update (a `get nodes`-shaped message carrying just
   * that node, unsolicited) to every connected client.
   */
  setNodeState(name: string, state: string): void
  /** Terminates every open client socket (simulates the server dropping connections). */
  dropClients(): void
}

/** The qbo emulator as a mountable piece of an http.Server the caller owns. */
export interface QboEndpoint {
  sandbox: QboSandbox
  /** Takes the upgrade if it is addressed to qbo; returns false to let another mount try. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /** Terminates every client and refuses further upgrades. */
  close(): void
}

export interface QboEndpointOptions {
  hub: QboHub
  token: string
  /** Read lazily: the port is only known once the owning server listens. */
  url: () => string
}

const QBO_PATHS = new Set(['/', '/qbo'])
// Subprotocols the real server offers; `qbo` is the one Berth asks for.
const QBO_PROTOCOLS = ['qbo', 'qbo-thread', 'qbo-term']
// Above the 400-answer threshold in commands.ts, so oversize requests get an envelope back.
const MAX_PAYLOAD_BYTES = 1024 * 1024

/** Cookie header to map; first occurrence wins, values are URL-decoded when they can be. */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  const text = Array.isArray(header) ? header.join(';') : (header ?? '')
  for (const part of text.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    let value = part.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1)
    }
    try {
      value = decodeURIComponent(value)
    } catch {
      // Not percent-encoded after all: keep it as sent.
    }
    if (name !== '' && !cookies.has(name)) cookies.set(name, value)
  }
  return cookies
}

/** Constant-time comparison; hashing first makes the lengths equal. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** Answers an upgrade with a plain HTTP error, as a server refusing the handshake does. */
export function rejectUpgrade(socket: Duplex, status: number, reason: string, body: object) {
  const text = JSON.stringify(body)
  const head = [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close'
  ]
  socket.once('finish', () => socket.destroy())
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`)
}

function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://sandbox.invalid').pathname
  } catch {
    return undefined
  }
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}

interface Client {
  ws: WebSocket
  info: Omit<ConnectionInfo, 'uuid'>
  /** The caller id of the last request: a pushed update is addressed to that caller. */
  uuid: string
}

function send(ws: WebSocket, envelope: QboEnvelope): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(envelope))
}

export function createQboEndpoint(options: QboEndpointOptions): QboEndpoint {
  const { hub, token } = options
  const clients = new Set<Client>()
  let closed = false
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    handleProtocols: (offered) => QBO_PROTOCOLS.find((p) => offered.has(p)) ?? false
  })

  function answer(client: Client, data: RawData, isBinary: boolean): QboEnvelope {
    if (isBinary) {
      const outcome = badRequest('binary frames are not supported: send JSON text frames')
      return buildEnvelope(outcome, { ...client.info, uuid: client.uuid })
    }
    const envelope = answerFrame(hub, textOf(data), client.info)
    if (envelope.uuid !== '') client.uuid = envelope.uuid
    return envelope
  }

  function internalError(client: Client, error: unknown): QboEnvelope {
    const outcome: CommandOutcome = {
      status: 'INTERNAL_ERROR',
      code: 500,
      commandLine: 'qbo',
      command: 'CMD_NONE',
      subcommand: 'SUBCMD_NONE',
      payload: { output: [{ message: `sandbox error: ${String(error)}` }] }
    }
    return buildEnvelope(outcome, { ...client.info, uuid: client.uuid })
  }

  function attach(ws: WebSocket, req: IncomingMessage): void {
    if (closed) {
      ws.terminate()
      return
    }
    const client: Client = {
      ws,
      uuid: '',
      info: {
        peer: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        // Shaped like libwebsockets' pointer and pthread ids, unique per connection.
        wsi: `0x55${randomBytes(5).toString('hex')}`,
        threadId: 0x7f0000000000 + randomInt(2 ** 40)
      }
    }
    clients.add(client)
    ws.on('message', (data, isBinary) => {
      let envelope: QboEnvelope
      try {
        envelope = answer(client, data, isBinary)
      } catch (error) {
        envelope = internalError(client, error)
      }
      send(ws, envelope)
    })
    // Oversize frames and broken sockets surface here; the socket closes, the server carries on.
    ws.on('error', () => ws.terminate())
    ws.on('close', () => clients.delete(client))
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = pathOf(req)
    if (path === undefined || !QBO_PATHS.has(path)) return false
    const uid = parseCookies(req.headers.cookie).get('qbo_uid')
    if (closed) {
      rejectUpgrade(socket, 503, 'Service Unavailable', { error: 'sandbox closing' })
    } else if (uid === undefined || !sameSecret(uid, token)) {
      rejectUpgrade(socket, 401, 'Unauthorized', { error: 'authentication failed' })
    } else {
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, req))
    }
    return true
  }

  function dropClients(): void {
    for (const client of clients) client.ws.terminate()
    clients.clear()
  }

  const sandbox: QboSandbox = {
    get url() {
      return options.url()
    },
    token,
    hub,
    clientCount: () => clients.size,
    setNodeState(name, state) {
      const node = hub.nodes.find((n) => n.name === name)
      if (node === undefined) throw new Error(`sandbox has no node named '${name}'`)
      node.state = state
      const outcome = nodesUpdate([node])
      for (const client of clients) {
        send(client.ws, buildEnvelope(outcome, { ...client.info, uuid: client.uuid }))
      }
    },
    dropClients
  }

  return {
    sandbox,
    handleUpgrade,
    close() {
      closed = true
      dropClients()
      wss.close()
    }
  }
}
