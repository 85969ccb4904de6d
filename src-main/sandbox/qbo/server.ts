import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import type { RawData } from 'ws'
import { ACTION_VERBS, isActionVerb } from './action-args'
import type { ActionVerb } from './action-args'
import type { ActionContext } from './actions'
import { authenticate, parseCookies, sameSecret } from './auth'
import type { Credentials } from './auth'
import { badRequest, executeCommand, nodesUpdate, parseRequest, tokenize } from './commands'
import { createDelivery } from './delivery'
import type { Recipient } from './delivery'
import { buildEnvelope } from './envelope'
import type { CommandOutcome, ConnectionInfo, QboEnvelope } from './envelope'
import { createQboFaults, malformed } from './faults'
import type { QboFaults } from './faults'
import type { GetKind } from './get'
import { narrowRefusal } from './narrow'
import { createTimers, runSteps } from './progress'
import { cryptoRandom } from './random'
import type { Random } from './random'
import type { QboHub } from './types'

export type { QboHub } from './types'
export type { ActionVerb } from './action-args'
export type { QboFaults } from './faults'
// Kept here too: callers imported it from this module before auth.ts existed.
export { parseCookies } from './auth'

/** An action command (add, start, stop, delete) as the emulator received and ran it. */
export interface QboActionRecord {
  verb: ActionVerb
  /** The command line as sent. */
  command: string
  /** The code of its first answer (200 accepted, 409 conflict…). */
  code: number
}

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
  /**
   * Makes the next accepted action of this kind fail: a couple of progress lines, then a final
   * code 500 message carrying `message`. Calls queue up, one failure per call.
   */
  failNext(action: ActionVerb, message: string): void
  /**
   * Every action command received, oldest first (the last 100 000), whatever its answer: how
   * often the server saw each action. Clear with `actions.length = 0`.
   */
  readonly actions: QboActionRecord[]
  /** Calls `listener` as each action command has run, before its answer goes out. */
  onAction(listener: (action: QboActionRecord) => void): () => void
  /**
   * How often each command was asked, answered or refused, keyed by its normalised line without
   * the leading `qbo` (`get clusters -A`, whether sent as `--all` or `-A`): proof that a client
   * does not retry a refused command in a loop. Clear with `requests.clear()`.
   */
  readonly requests: Map<string, number>
  /** The `get` kinds this server answers (with `version`); null = every command, actions too. */
  readonly getKinds: readonly GetKind[] | null
}

/** The qbo emulator as a mountable piece of an http.Server the caller owns. */
export interface QboEndpoint {
  sandbox: QboSandbox
  /** Misbehaviour tests can switch on; all off by default. */
  faults: QboFaults
  /** Takes the upgrade if it is addressed to qbo; returns false to let another mount try. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /** Terminates every client, cancels running actions and refuses further upgrades. */
  close(): void
}

export interface QboEndpointOptions {
  hub: QboHub
  credentials: Credentials
  /** Read lazily: the port is only known once the owning server listens. */
  url: () => string
  /** Pause between the progress messages of a long action. */
  stepMs: number
  /** Source of ids and names for objects created at run time. */
  rand?: Random
  /**
   * When set, the server is an older or narrower qbo: it answers `version` and `get` of these
   * kinds only, and refuses every other get and every action as an unknown command.
   */
  getKinds?: ReadonlySet<GetKind>
}

const QBO_PATHS = new Set(['/', '/qbo'])
// Subprotocols the real server offers; `qbo` is the one Berth asks for.
const QBO_PROTOCOLS = ['qbo', 'qbo-thread', 'qbo-term']
// Above the 400-answer threshold in commands.ts, so oversize requests get an envelope back.
const MAX_PAYLOAD_BYTES = 1024 * 1024

/** Answers an upgrade with a plain HTTP error, as a server refusing the handshake does. */
export function rejectUpgrade(socket: Duplex, status: number, reason: string, body: object) {
  // The client may have gone while the upgrade was being checked: nothing left to answer.
  if (socket.destroyed || !socket.writable) return
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

interface Client extends Recipient {
  info: Omit<ConnectionInfo, 'uuid'>
  /** The caller id of the last request: a pushed update is addressed to that caller. */
  uuid: string
}

const MAX_ACTIONS = 100_000
const MAX_COUNTED_COMMANDS = 100_000

/** The action verb a command line starts with (a leading `qbo` aside), if it is one. */
function actionVerbOf(cmd: string): ActionVerb | undefined {
  const tokens = cmd.trim().split(/\s+/)
  const verb = tokens[0] === 'qbo' ? tokens[1] : tokens[0]
  return verb !== undefined && isActionVerb(verb) ? verb : undefined
}

/** The close code a socket gets when its credential expires. */
const TOKEN_EXPIRED_CODE = 4001

function internalError(error: unknown): CommandOutcome {
  return {
    status: 'INTERNAL_ERROR',
    code: 500,
    commandLine: 'qbo',
    command: 'CMD_NONE',
    subcommand: 'SUBCMD_NONE',
    payload: { output: [{ message: `sandbox error: ${String(error)}` }] }
  }
}

export function createQboEndpoint(options: QboEndpointOptions): QboEndpoint {
  const { hub, credentials, stepMs } = options
  const clients = new Set<Client>()
  // Sockets whose credentials are still being checked: close() must not leave them hanging.
  const admitting = new Set<Duplex>()
  const timers = createTimers()
  const failures = new Map<ActionVerb, string[]>()
  const actions: QboActionRecord[] = []
  const actionListeners = new Set<(action: QboActionRecord) => void>()
  const requests = new Map<string, number>()
  const { getKinds } = options
  let closed = false
  const control = createQboFaults({
    budgetChanged: (budget) => {
      for (const client of clients) delivery.setBudget(client, budget)
    },
    tokenExpired: () => {
      for (const client of clients) client.ws.close(TOKEN_EXPIRED_CODE, 'token expired')
    }
  })
  const delivery = createDelivery(control, timers)
  const send = (client: Client, envelope: QboEnvelope, holdMs = 0) =>
    delivery.deliver(client, JSON.stringify(envelope), holdMs)
  /** The direct answer to a request: malformed instead while that fault is armed. */
  const answer = (client: Client, envelope: QboEnvelope, holdMs = 0) => {
    if (client.ws.readyState !== WebSocket.OPEN) return
    const text = JSON.stringify(envelope)
    delivery.deliver(client, control.takeMalformedReply() ? malformed(text) : text, holdMs)
  }
  const acted = (action: QboActionRecord) => {
    actions.push(action)
    if (actions.length > MAX_ACTIONS) actions.splice(0, actions.length - MAX_ACTIONS)
    for (const listener of [...actionListeners]) listener(action)
  }
  const usesToken = (req: IncomingMessage) =>
    sameSecret(parseCookies(req.headers.cookie).get('qbo_uid') ?? '', credentials.token)
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    handleProtocols: (offered) => QBO_PROTOCOLS.find((p) => offered.has(p)) ?? false
  })
  const context: ActionContext = {
    hub,
    rand: options.rand ?? cryptoRandom,
    now: Date.now,
    takeFailure: (verb) => failures.get(verb)?.shift()
  }

  function broadcast(outcome: CommandOutcome): void {
    for (const client of clients) {
      send(client, buildEnvelope(outcome, { ...client.info, uuid: client.uuid }))
    }
  }

  /** One request: its answer to the sender, its hub changes to everyone, its steps scheduled. */
  function handle(client: Client, data: RawData, isBinary: boolean): void {
    // An action's own messages may be held back (actionDelayMs); everything else goes as usual.
    let holdMs = 0
    const reply = (outcome: CommandOutcome, uuid: string, commandId?: string) =>
      send(client, buildEnvelope(outcome, { ...client.info, uuid }, commandId), holdMs)
    const firstReply = (outcome: CommandOutcome, uuid: string, commandId?: string) =>
      answer(client, buildEnvelope(outcome, { ...client.info, uuid }, commandId), holdMs)
    if (isBinary) {
      firstReply(badRequest('binary frames are not supported: send JSON text frames'), client.uuid)
      return
    }
    const request = parseRequest(textOf(data))
    if (request.uuid !== '') client.uuid = request.uuid
    if (!request.ok) {
      firstReply(badRequest(request.message), request.uuid)
      return
    }
    const { tokens, commandLine } = tokenize(request.cmd)
    const counted = commandLine.replace(/^qbo ?/, '')
    // Bounded: a client spraying distinct lines must not grow the map without end.
    if (requests.has(counted) || requests.size < MAX_COUNTED_COMMANDS) {
      requests.set(counted, (requests.get(counted) ?? 0) + 1)
    }
    const refusal =
      getKinds === undefined ? undefined : narrowRefusal(getKinds, tokens, commandLine)
    const result =
      refusal === undefined
        ? executeCommand(context, request.cmd)
        : { outcome: refusal, pushes: [], steps: [] }
    const verb = actionVerbOf(request.cmd)
    if (verb !== undefined) {
      holdMs = control.actionDelayMs
      acted({ verb, command: request.cmd, code: result.outcome.code })
    }
    // The effect stands; only this client's socket goes. Its later messages are skipped.
    if (control.takeDropAfterCommand()) client.ws.terminate()
    // Every message of one command shares its command_id.
    const commandId = randomUUID()
    firstReply(result.outcome, request.uuid, commandId)
    for (const push of result.pushes) broadcast(push)
    runSteps(result.steps, result.outcome, stepMs, timers, {
      reply: (outcome) => reply(outcome, request.uuid, commandId),
      broadcast
    })
  }

  function attach(ws: WebSocket, req: IncomingMessage): void {
    if (closed) {
      ws.terminate()
      return
    }
    const client: Client = {
      ws,
      budget: null,
      uuid: '',
      info: {
        peer: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        // Shaped like libwebsockets' pointer and pthread ids, unique per connection.
        wsi: `0x55${randomBytes(5).toString('hex')}`,
        threadId: 0x7f0000000000 + randomInt(2 ** 40)
      }
    }
    clients.add(client)
    delivery.setBudget(client, control.messageBudget)
    ws.on('message', (data, isBinary) => {
      try {
        handle(client, data, isBinary)
      } catch (error) {
        send(client, buildEnvelope(internalError(error), { ...client.info, uuid: client.uuid }))
      }
    })
    // Oversize frames and broken sockets surface here; the socket closes, the server carries on.
    ws.on('error', () => ws.terminate())
    ws.on('close', () => clients.delete(client))
  }

  /** Checks the cookies (decrypting a JWE takes a moment), then completes or refuses. */
  async function admit(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    admitting.add(socket)
    try {
      const refused = () => control.tokenExpired && usesToken(req)
      const allowed =
        !refused() && (await authenticate(credentials, req.headers.cookie).catch(() => false))
      if (socket.destroyed) return
      if (closed) {
        rejectUpgrade(socket, 503, 'Service Unavailable', { error: 'sandbox closing' })
      } else if (!allowed || refused()) {
        rejectUpgrade(socket, 401, 'Unauthorized', { error: 'authentication failed' })
      } else {
        wss.handleUpgrade(req, socket, head, (ws) => attach(ws, req))
      }
    } catch {
      socket.destroy()
    } finally {
      admitting.delete(socket)
    }
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = pathOf(req)
    if (path === undefined || !QBO_PATHS.has(path)) return false
    if (closed) rejectUpgrade(socket, 503, 'Service Unavailable', { error: 'sandbox closing' })
    else void admit(req, socket, head)
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
    token: credentials.token,
    hub,
    clientCount: () => clients.size,
    setNodeState(name, state) {
      const node = hub.nodes.find((n) => n.name === name)
      if (node === undefined) throw new Error(`sandbox has no node named '${name}'`)
      node.state = state
      broadcast(nodesUpdate([node]))
    },
    dropClients,
    failNext(action, message) {
      // Checked at run time too: JavaScript callers and test typos get a clear error.
      if (!ACTION_VERBS.includes(action)) {
        throw new RangeError(`failNext: action must be one of ${ACTION_VERBS.join(', ')}`)
      }
      failures.set(action, [...(failures.get(action) ?? []), message])
    },
    actions,
    onAction(listener) {
      actionListeners.add(listener)
      return () => actionListeners.delete(listener)
    },
    requests,
    getKinds: getKinds === undefined ? null : [...getKinds]
  }

  return {
    sandbox,
    faults: control.faults,
    handleUpgrade,
    close() {
      closed = true
      timers.clear()
      for (const socket of admitting) socket.destroy()
      admitting.clear()
      dropClients()
      wss.close()
    }
  }
}
