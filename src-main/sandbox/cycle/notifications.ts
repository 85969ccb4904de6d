import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { rejectUpgrade } from '../qbo/server'
import { envelope } from './errors'
import type { CycleErrorBody } from './errors'
import type { Change } from './types'

/** Cycle's docs: use the socket token within 15 minutes; a live socket then stays open. */
export const NOTIFICATION_TOKEN_TTL_MS = 15 * 60_000
// Expired tokens are remembered a while longer, to tell "expired" from "never issued".
const FORGET_AFTER_MS = 60 * 60_000

/** A hub notification exactly as the pipeline sends it: basic info, fetch details via REST. */
export interface HubNotification {
  topic: Change['topic']
  object: { id: string; state?: string; error?: string }
  context: {
    hub_id: string
    account_id: null
    environments: string[]
    dns_zones: string[]
    clusters: string[]
    containers: string[]
  }
  flags: null
}

export interface Notifier {
  /** A fresh short-lived token for `?token=` (what the plain GET answers). */
  issueToken(): string
  handleUpgrade(req: IncomingMessage, url: URL, socket: Duplex, head: Buffer): void
  publish(changes: readonly Change[]): void
  dropSockets(): void
  pause(on: boolean): void
  socketCount(): number
  /** Ages every issued token past its 15 minutes (tests cannot wait that long). */
  expireTokens(): void
  close(): void
}

const REASONS: Record<number, string> = {
  401: 'Unauthorized',
  503: 'Service Unavailable'
}

function refuse(socket: Duplex, body: CycleErrorBody): void {
  rejectUpgrade(socket, body.status, REASONS[body.status] ?? 'Error', envelope(body))
}

export function createNotifier(options: { hubId: string; now: () => number }): Notifier {
  const tokens = new Map<string, number>()
  const sockets = new Set<WebSocket>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  let paused = false
  let closed = false

  function message(change: Change): HubNotification {
    const object: HubNotification['object'] = { id: change.id }
    if (change.state !== undefined) object.state = change.state
    if (change.error !== undefined) object.error = change.error
    return {
      topic: change.topic,
      object,
      context: {
        hub_id: options.hubId,
        account_id: null,
        environments: [],
        dns_zones: [],
        clusters: [],
        containers: []
      },
      flags: null
    }
  }

  function admit(url: URL): CycleErrorBody | undefined {
    if (closed || paused) {
      return {
        status: 503,
        code: '503.not-ready',
        title: 'Notifications unavailable',
        detail: 'The hub notification pipeline is not accepting connections right now.'
      }
    }
    const token = url.searchParams.get('token')
    const expires = token === null ? undefined : tokens.get(token)
    if (expires === undefined) {
      return {
        status: 401,
        code: '401.auth-invalid',
        title: 'Invalid notification token',
        detail: 'Get a token from GET /v1/hubs/current/notifications first.'
      }
    }
    if (expires <= options.now()) {
      return {
        status: 401,
        code: '401.auth-expired',
        title: 'Notification token expired',
        detail: 'Tokens are valid for 15 minutes; get a new one.'
      }
    }
    return undefined
  }

  function dropSockets(): void {
    for (const ws of sockets) ws.terminate()
    sockets.clear()
  }

  return {
    issueToken() {
      const now = options.now()
      for (const [token, expires] of tokens) {
        if (expires + FORGET_AFTER_MS < now) tokens.delete(token)
      }
      const token = randomBytes(24).toString('base64url')
      tokens.set(token, now + NOTIFICATION_TOKEN_TTL_MS)
      return token
    },
    handleUpgrade(req, url, socket, head) {
      const refusal = admit(url)
      if (refusal !== undefined) {
        refuse(socket, refusal)
        return
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (closed) {
          ws.terminate()
          return
        }
        sockets.add(ws)
        // One-way pipeline: whatever a client sends is ignored, as on the platform.
        ws.on('error', () => ws.terminate())
        ws.on('close', () => sockets.delete(ws))
      })
    },
    publish(changes) {
      for (const change of changes) {
        const text = JSON.stringify(message(change))
        for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.send(text)
      }
    },
    dropSockets,
    pause(on) {
      paused = on
    },
    socketCount: () => sockets.size,
    expireTokens() {
      const past = options.now() - 1
      for (const token of tokens.keys()) tokens.set(token, past)
    },
    close() {
      closed = true
      dropSockets()
      wss.close()
    }
  }
}
