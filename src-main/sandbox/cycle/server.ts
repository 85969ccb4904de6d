import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { rejectUpgrade } from '../qbo/server'
import type { Random } from '../qbo/random'
import { authorize } from './auth'
import { createEngine } from './engine'
import { CycleError, envelope, OAuthError, uriNotFound } from './errors'
import type { CycleErrorBody } from './errors'
import { createCycleFaults } from './faults'
import type { CycleFaults, Outcome } from './faults'
import { createNotifier } from './notifications'
import { createMatcher } from './route'
import type { Reply } from './route'
import { IMAGE_ROUTES } from './routes-images'
import { JOB_AND_HUB_ROUTES } from './routes-jobs-hub'
import { SOURCE_ROUTES } from './routes-sources'
import { CYCLE_IMPORTER_KEY, CYCLE_NO_MANAGE_KEY } from './seed'
import type { CycleState } from './types'

/** One request as the emulator received it, for tests that check what a client sent. */
export interface CycleRequestRecord {
  method: string
  path: string
  /** Every value of every parameter, repeated ones in order. */
  query: Record<string, string[]>
  /** Parsed JSON; the raw text if it was not JSON; undefined if there was no body. */
  body: unknown
  /** Lower-cased names, as Node presents them. */
  headers: Record<string, string>
}

/** A request that changes something (any method but GET), as the emulator acted on it. */
export interface CycleActionRecord {
  method: string
  path: string
  /** The status it was answered with (or would have been, had the answer not been lost). */
  status: number
}

export interface CycleSandbox {
  /** Base URL the `/v1/...` paths hang off (`http://127.0.0.1:PORT`). */
  readonly url: string
  readonly hubId: string
  /** The key with every capability (`SandboxOptions.cycleApiKey`). */
  readonly apiKey: string
  /**
   * `full`: every capability (images-import included); `noManage`: the enum without
   * images-manage; `importer`: a CI importer's key, images-view and images-import only.
   */
  readonly keys: { readonly full: string; readonly noManage: string; readonly importer: string }
  /** Live state: tests may inspect it, or set `containers` to change what prune may delete. */
  readonly state: CycleState
  /** Requests received, oldest first (the last 1000); clear with `requests.length = 0`. */
  readonly requests: CycleRequestRecord[]
  /**
   * Every change request the emulator acted on (not refused by a fault), oldest first (the last
   * 100 000): how often the hub saw each action. Clear with `actions.length = 0`.
   */
  readonly actions: CycleActionRecord[]
  /** Calls `listener` as each change request is acted on, before its answer goes out. */
  onAction(listener: (action: CycleActionRecord) => void): () => void
  /** The next import fails while building: job `error` with `message`, image keeps the error. */
  failNextBuild(message: string): void
  /** Terminates every notification socket, as a dropped connection would. */
  dropSockets(): void
  /** While on, socket upgrades are refused with 503 (tokens are still issued). */
  pauseNotifications(on: boolean): void
  /** Makes every notification token issued so far expired. */
  expireNotificationTokens(): void
  socketCount(): number
}

export type { CycleFaults } from './faults'

export interface CycleEndpoint {
  sandbox: CycleSandbox
  /** Misbehaviour tests can switch on; all off by default. */
  faults: CycleFaults
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  close(): void
}

export interface CycleEndpointOptions {
  state: CycleState
  stepMs: number
  jobVisibleAfterMs: number
  /** Read lazily: the port is only known once the owning server listens. */
  url: () => string
  rand?: Random
}

const NOTIFICATIONS_PATH = '/v1/hubs/current/notifications'
const MAX_BODY_BYTES = 1024 * 1024
const MAX_RECORDS = 1000
const MAX_ACTIONS = 100_000
const matchRoute = createMatcher([...IMAGE_ROUTES, ...SOURCE_ROUTES, ...JOB_AND_HUB_ROUTES])

function ownsPath(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/')
}

function urlOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://sandbox.invalid')
  } catch {
    return undefined
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Keep draining so the answer can still be written; just stop keeping the bytes.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8'))
    )
    req.on('error', reject)
  })
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {}
): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

/** Writes the outcome; a dropped one loses its connection instead of getting an answer. */
function deliver(req: IncomingMessage, res: ServerResponse, outcome: Outcome): void {
  if (outcome.kind === 'drop') req.socket.destroy()
  else if (outcome.kind === 'raw') sendText(res, outcome.status, outcome.text)
  else sendText(res, outcome.reply.status, JSON.stringify(outcome.reply.body), outcome.headers)
}

function errorReply(body: CycleErrorBody): Reply {
  return { status: body.status, body: envelope(body) }
}

/** The answer for a request that failed: the platform envelope, or OAuth's shape for some 401s. */
function failureOutcome(error: unknown): Outcome {
  if (error instanceof OAuthError) {
    const oauth = { error: 'invalid_token', error_description: error.description }
    return {
      kind: 'reply',
      reply: { status: 401, body: oauth },
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
    }
  }
  if (error instanceof CycleError) return { kind: 'reply', reply: errorReply(error.body) }
  const body = { status: 500, code: '500.unknown', title: 'Sandbox error', detail: String(error) }
  return { kind: 'reply', reply: errorReply(body) }
}

export function createCycleEndpoint(options: CycleEndpointOptions): CycleEndpoint {
  const { state } = options
  const notifier = createNotifier({ hubId: state.hub.id, now: Date.now })
  const engine = createEngine({
    state,
    notifier,
    stepMs: options.stepMs,
    jobVisibleAfterMs: options.jobVisibleAfterMs,
    ...(options.rand === undefined ? {} : { rand: options.rand })
  })
  const requests: CycleRequestRecord[] = []
  const actions: CycleActionRecord[] = []
  const actionListeners = new Set<(action: CycleActionRecord) => void>()
  const faults = createCycleFaults()
  const fullKey = state.keys[0]?.secret ?? ''

  function record(req: IncomingMessage, url: URL, text: string | undefined): unknown {
    let body: unknown = text === undefined || text === '' ? undefined : text
    try {
      if (typeof body === 'string') body = JSON.parse(body) as unknown
    } catch {
      // Not JSON: keep the raw text, which is exactly what a test wants to see.
    }
    const query: Record<string, string[]> = {}
    for (const [key, value] of url.searchParams) query[key] = [...(query[key] ?? []), value]
    const headers: Record<string, string> = {}
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, body, headers })
    if (requests.length > MAX_RECORDS) requests.splice(0, requests.length - MAX_RECORDS)
    return body
  }

  function dispatch(
    req: IncomingMessage,
    url: URL,
    text: string | undefined,
    body: unknown
  ): Reply {
    const method = req.method ?? 'GET'
    const match = matchRoute(method, url.pathname)
    if (match === undefined || match === null) throw uriNotFound(method, url.pathname)
    const { route } = match
    const key =
      route.access === 'public'
        ? undefined
        : authorize(state, req.headers, route.access === 'any-key' ? undefined : route.access)
    if (text === undefined) {
      throw new CycleError({ status: 422, code: '422.max-exceeded', title: 'Body too large' })
    }
    if (typeof body === 'string') {
      throw new CycleError({
        status: 400,
        code: '400.invalid-syntax',
        title: 'Invalid JSON',
        detail: 'The request body is not valid JSON.'
      })
    }
    return route.handle({
      engine,
      notifier,
      params: match.params,
      query: url.searchParams,
      body,
      key
    })
  }

  function answer(req: IncomingMessage, url: URL, text: string | undefined): Outcome {
    const body = record(req, url, text)
    const method = req.method ?? 'GET'
    const refused = faults.refusal(method, url.pathname)
    if (refused !== undefined) return refused
    if (faults.ignoresPaging(method, url.pathname)) url.searchParams.delete('page[number]')
    let outcome: Outcome
    try {
      outcome = { kind: 'reply', reply: dispatch(req, url, text, body) }
    } catch (error) {
      outcome = failureOutcome(error)
    }
    if (method.toUpperCase() !== 'GET') {
      const status = outcome.kind === 'reply' ? outcome.reply.status : 500
      acted({ method: method.toUpperCase(), path: url.pathname, status })
    }
    return faults.aftermath(method, url.pathname, outcome)
  }

  function acted(action: CycleActionRecord): void {
    actions.push(action)
    if (actions.length > MAX_ACTIONS) actions.splice(0, actions.length - MAX_ACTIONS)
    for (const listener of [...actionListeners]) listener(action)
  }

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const outcome = answer(req, url, await readBody(req))
    faults.later(() => deliver(req, res, outcome), req.method)
  }

  return {
    sandbox: {
      get url() {
        return options.url()
      },
      hubId: state.hub.id,
      apiKey: fullKey,
      keys: { full: fullKey, noManage: CYCLE_NO_MANAGE_KEY, importer: CYCLE_IMPORTER_KEY },
      state,
      requests,
      actions,
      onAction(listener) {
        actionListeners.add(listener)
        return () => actionListeners.delete(listener)
      },
      failNextBuild: (message) => engine.queueFailure(message),
      dropSockets: () => notifier.dropSockets(),
      pauseNotifications: (on) => notifier.pause(on),
      expireNotificationTokens: () => notifier.expireTokens(),
      socketCount: () => notifier.socketCount()
    },
    faults: faults.faults,
    handleRequest(req, res) {
      const url = urlOf(req)
      if (url === undefined || !ownsPath(url.pathname)) return false
      serve(req, res, url).catch(() => res.destroy())
      return true
    },
    handleUpgrade(req, socket, head) {
      const url = urlOf(req)
      if (url === undefined || !ownsPath(url.pathname)) return false
      record(req, url, undefined)
      if (url.pathname === NOTIFICATIONS_PATH && req.method === 'GET') {
        notifier.handleUpgrade(req, url, socket, head)
      } else {
        rejectUpgrade(socket, 404, 'Not Found', envelope(uriNotFound('GET', url.pathname).body))
      }
      return true
    },
    close() {
      faults.close()
      engine.close()
      notifier.close()
    }
  }
}
