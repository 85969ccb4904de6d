import { once } from 'node:events'
import { WebSocket } from 'ws'
import { startSandbox } from '../../src-main/sandbox/index'
import type { HubNotification, Sandbox, SandboxOptions } from '../../src-main/sandbox/index'
import { createCycleClient, listenNotifications } from './cycle-spec'
import type { NotificationSocket } from './cycle-spec'

/**
 * The sandboxes and sockets a test file opens: `closeAll` (from its `afterEach`) terminates the
 * sockets, then closes the sandboxes.
 */
export function sandboxPool(defaults: SandboxOptions = {}) {
  const sandboxes: Sandbox[] = []
  const sockets: WebSocket[] = []
  return {
    /** A sandbox with the pool's defaults, overridden by `options`. */
    start: async (options: SandboxOptions = {}): Promise<Sandbox> => {
      const sandbox = await startSandbox({ ...defaults, ...options })
      sandboxes.push(sandbox)
      return sandbox
    },
    /** A raw qbo WebSocket, logged in with the token (or `cookie`), open and tracked. */
    openQbo: async (sandbox: Sandbox, cookie?: string): Promise<QboInbox> => {
      const { url, token } = sandbox.connection().qbo
      const headers = { Cookie: cookie ?? `qbo_uid=${token}; qbo_aux=` }
      const ws = new WebSocket(url, 'qbo', { headers })
      sockets.push(ws)
      const inbox = new QboInbox(ws)
      await once(ws, 'open')
      return inbox
    },
    /** Keeps a socket to terminate after the test; returns it. */
    track: <W extends WebSocket>(ws: W): W => {
      sockets.push(ws)
      return ws
    },
    /** The Cycle hub's notification socket, opened the documented way and tracked. */
    listen: async (sandbox: Sandbox): Promise<NotificationSocket<HubNotification>> => {
      const socket = await listenNotifications<HubNotification>(sandbox.connection().cycle)
      sockets.push(socket.ws)
      return socket
    },
    closeAll: async (): Promise<void> => {
      for (const ws of sockets.splice(0)) ws.terminate()
      await Promise.all(sandboxes.splice(0).map((s) => s.close()))
    }
  }
}

/** A spec-validating client for the sandbox's Cycle API, with its own API key. */
export const cycleApi = (sandbox: Sandbox) => createCycleClient(sandbox.connection().cycle)

/** Every text frame a raw qbo socket receives, unparsed, in order; and how it closed. */
export class QboInbox {
  readonly texts: string[] = []
  /** Resolves with the close code once the socket has closed. */
  readonly closed: Promise<number>
  private read = 0
  private code: number | undefined
  private wake: (() => void) | undefined

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.texts.push(data.toString('utf8'))
      this.wake?.()
    })
    this.closed = new Promise((resolve) =>
      ws.on('close', (code: number) => {
        this.code = code
        resolve(code)
        this.wake?.()
      })
    )
    // A dropped connection surfaces as an error too; `closed` reports it.
    ws.on('error', () => undefined)
  }

  send(cmd: string, uuid = 'caller'): void {
    this.ws.send(JSON.stringify({ cmd, uuid }))
  }

  /** The next frame as text; rejects if the socket closes first. */
  async nextText(): Promise<string> {
    while (this.read >= this.texts.length) {
      if (this.code !== undefined) throw new Error(`socket closed (${this.code}) with no message`)
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
    return this.texts[this.read++] as string
  }

  /** The next frame, parsed. */
  async next<T = Record<string, unknown>>(): Promise<T> {
    return JSON.parse(await this.nextText()) as T
  }

  /** Reads parsed frames up to and including the first that matches. */
  async until<T = Record<string, unknown>>(match: (m: T) => boolean): Promise<T[]> {
    const out: T[] = []
    for (;;) {
      const message = await this.next<T>()
      out.push(message)
      if (match(message)) return out
    }
  }
}

/** A plain fetch to the sandbox's Cycle API with the full key (no spec validation). */
export function cycleFetch(sandbox: Sandbox) {
  const { url, apiKey, hubId } = sandbox.connection().cycle
  return (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${apiKey}`,
        'X-Hub-Id': hubId,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
}
