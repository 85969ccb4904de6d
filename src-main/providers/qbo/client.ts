import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'
import { connectFailure } from '../connect-failure'
import { timerMs } from '../delay'
import { ProviderError } from '../errors'
import { cookieHeader, type QboAuth } from './auth'
import { commandError } from './command-error'
import { peekCommandLine } from './peek-command-line'
import { isSuccess, normaliseCommandLine, parseMessage, type QboMessage } from './messages'

export interface QboCredentials {
  url: string
  auth: QboAuth
  /** WebSocket subprotocol; qbo offers `qbo` on its `/` mount. */
  protocol?: string | undefined
}

export interface QboClientOptions {
  requestTimeoutMs?: number
  heartbeatMs?: number
  connectTimeoutMs?: number
  /** The caller identity sent as `uuid` in every request. */
  callerId?: string
}

export interface QboClientEvents {
  /** A message nobody asked for: a mirror update carrying resource arrays. */
  push(message: QboMessage): void
  /** The socket is gone; `reason` says why in words. */
  closed(reason: string): void
  /** A frame that could not be understood (kept out of the cache, reported). */
  malformed(error: ProviderError): void
}

interface Waiter {
  /** Wants the reply's bytes as received (parsed elsewhere), not the parsed message. */
  raw: boolean
  resolve(reply: QboMessage | Buffer): void
  reject(error: ProviderError): void
  timer: NodeJS.Timeout
}

const AUTH_STATUS = new Set([401, 403])
/**
 * The largest message Berth reads: a `get nodes -A` of ~1.5 million nodes. Large replies are
 * never parsed on this thread (see `requestRaw`), so the limit is about memory, not stalls.
 */
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024
/** Below this a message is parsed here whatever it is: cheaper than handing it on. */
const PARSE_HERE_BYTES = 256 * 1024

/**
 * One authenticated WebSocket to a qbo server. Commands are correlated with their replies by the
 * echoed command line (the server's `command_id` is not known before the reply); unmatched
 * messages are mirror updates. Heartbeat pings keep the socket inside the server's 30 s idle limit
 * and detect a dead peer.
 */
export class QboClient {
  private socket: WebSocket | null = null
  private readonly waiting = new Map<string, Waiter[]>()
  /** Followers of a long command: every later message with its command line goes to them. */
  private readonly streams = new Map<string, Set<(message: QboMessage) => void>>()
  private readonly listeners: { [K in keyof QboClientEvents]: Set<QboClientEvents[K]> } = {
    push: new Set(),
    closed: new Set(),
    malformed: new Set()
  }
  private heartbeat: NodeJS.Timeout | null = null
  private readonly options: Required<QboClientOptions>

  constructor(
    private readonly credentials: QboCredentials,
    options: QboClientOptions = {}
  ) {
    this.options = {
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
      heartbeatMs: options.heartbeatMs ?? 10_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      callerId: options.callerId ?? randomUUID()
    }
  }

  on<K extends keyof QboClientEvents>(event: K, listener: QboClientEvents[K]): () => void {
    this.listeners[event].add(listener)
    return () => this.listeners[event].delete(listener)
  }

  async connect(): Promise<void> {
    const { url, auth, protocol } = this.credentials
    let cookie: string
    try {
      cookie = await cookieHeader(auth)
    } catch (error) {
      throw new ProviderError(
        'auth',
        `The service-account key cannot be used: ${(error as Error).message}`
      )
    }
    return new Promise((resolve, reject) => {
      let socket: WebSocket
      try {
        socket = new WebSocket(url, protocol ? [protocol] : [], {
          headers: { cookie },
          handshakeTimeout: this.options.connectTimeoutMs,
          maxPayload: MAX_MESSAGE_BYTES
        })
      } catch (error) {
        reject(
          new ProviderError('network', `Invalid qbo address ${url}: ${(error as Error).message}`)
        )
        return
      }
      this.socket = socket
      let settled = false
      // ws's handshakeTimeout is an idle timeout: a server trickling a byte now and then resets it
      // for ever. This one bounds the whole handshake.
      const handshake = setTimeout(() => {
        settle(
          new ProviderError(
            'network',
            `${url} did not complete the WebSocket handshake within ${seconds(this.options.connectTimeoutMs)}`
          )
        )
        socket.terminate()
      }, timerMs(this.options.connectTimeoutMs))
      const settle = (error?: ProviderError): void => {
        if (settled) return
        settled = true
        clearTimeout(handshake)
        if (error) reject(error)
        else resolve()
      }
      /** Why the socket is about to close, when ws found out before the close said it. */
      let fault: string | undefined
      socket.on('unexpected-response', (_req, res) => {
        const status = res.statusCode ?? 0
        res.resume()
        socket.terminate()
        settle(
          AUTH_STATUS.has(status)
            ? new ProviderError(
                'auth',
                `The qbo server refused the credential (HTTP ${status})`,
                status
              )
            : new ProviderError(
                'network',
                `The qbo server answered HTTP ${status} instead of a WebSocket`,
                status
              )
        )
      })
      socket.on('open', () => {
        this.startHeartbeat(socket)
        settle()
      })
      socket.on('message', (data, isBinary) => {
        if (!isBinary) this.receive(asBuffer(data))
      })
      socket.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') fault = tooLarge(socket)
        settle(new ProviderError('network', describeNetworkError(error, url)))
      })
      socket.on('close', (code, reason) => {
        this.stopHeartbeat()
        const why = fault ?? (reason.toString() || closeReason(code))
        settle(new ProviderError('network', `Could not connect to ${url}: ${why.toLowerCase()}`))
        this.failAll(new ProviderError('network', fault ?? 'Lost the connection to the qbo server'))
        if (this.socket === socket) {
          this.socket = null
          for (const l of this.listeners.closed) l(why)
        }
      })
    })
  }

  /** Sends one command line (already built from validated parts) and waits for its reply. */
  request(commandLine: string): Promise<QboMessage> {
    return this.send(commandLine, false) as Promise<QboMessage>
  }

  /**
   * Like `request`, but resolves with the reply's bytes as received: a large reply (a whole
   * `get nodes -A`) is matched by its `command_line` without being parsed here, so whoever
   * parses it does so off this thread. A small reply that reports a failure still rejects.
   */
  requestRaw(commandLine: string): Promise<Buffer> {
    return this.send(commandLine, true) as Promise<Buffer>
  }

  private send(commandLine: string, raw: boolean): Promise<QboMessage | Buffer> {
    const socket = this.socket
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(
        new ProviderError('network', 'Not connected to the qbo server', undefined, true)
      )
    }
    const key = normaliseCommandLine(commandLine)
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        raw,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.removeWaiter(key, waiter)
          reject(new ProviderError('network', `The qbo server did not answer “${key}” in time`))
        }, timerMs(this.options.requestTimeoutMs))
      }
      const queue = this.waiting.get(key) ?? []
      queue.push(waiter)
      this.waiting.set(key, queue)
      socket.send(JSON.stringify({ cmd: key, uuid: this.options.callerId }))
    })
  }

  /**
   * Follows a command whose effects arrive over several messages (qbo streams `output[]` lines of
   * `add cluster` and friends with the same command line). Returns the disposer.
   */
  follow(commandLine: string, listener: (message: QboMessage) => void): () => void {
    const key = normaliseCommandLine(commandLine)
    const set = this.streams.get(key) ?? new Set()
    set.add(listener)
    this.streams.set(key, set)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.streams.get(key) === set) this.streams.delete(key)
    }
  }

  close(): void {
    this.stopHeartbeat()
    const socket = this.socket
    this.socket = null
    this.failAll(new ProviderError('network', 'The connection was closed'))
    socket?.close(1000, 'client closing')
    socket?.terminate()
  }

  private receive(data: Buffer): void {
    if (data.length > PARSE_HERE_BYTES && this.takeRaw(data)) return
    let message: QboMessage
    try {
      message = parseMessage(data.toString())
    } catch (error) {
      for (const l of this.listeners.malformed) l(error as ProviderError)
      return
    }
    const key = message.command_line ? normaliseCommandLine(message.command_line) : null
    const waiter = key ? this.waiting.get(key)?.shift() : undefined
    if (!waiter || !key) {
      const followers = key ? this.streams.get(key) : undefined
      if (followers) for (const f of [...followers]) f(message)
      for (const l of this.listeners.push) l(message)
      return
    }
    clearTimeout(waiter.timer)
    if (this.waiting.get(key)?.length === 0) this.waiting.delete(key)
    if (!isSuccess(message)) waiter.reject(commandError(message))
    else waiter.resolve(waiter.raw ? data : message)
  }

  /** Hands a large reply to the raw request waiting for it, unparsed; false if none waits. */
  private takeRaw(data: Buffer): boolean {
    const line = peekCommandLine(data)
    if (line === null) return false
    const key = normaliseCommandLine(line)
    const queue = this.waiting.get(key)
    const waiter = queue?.[0]
    if (!queue || !waiter?.raw) return false
    queue.shift()
    if (queue.length === 0) this.waiting.delete(key)
    clearTimeout(waiter.timer)
    waiter.resolve(data)
    return true
  }

  private removeWaiter(key: string, waiter: Waiter): void {
    const queue = this.waiting.get(key)
    if (!queue) return
    const at = queue.indexOf(waiter)
    if (at >= 0) queue.splice(at, 1)
    if (queue.length === 0) this.waiting.delete(key)
  }

  private failAll(error: ProviderError): void {
    for (const queue of this.waiting.values()) {
      for (const waiter of queue) {
        clearTimeout(waiter.timer)
        waiter.reject(error)
      }
    }
    this.waiting.clear()
  }

  private startHeartbeat(socket: WebSocket): void {
    let alive = true
    socket.on('pong', () => (alive = true))
    this.heartbeat = setInterval(() => {
      if (!alive) {
        socket.terminate()
        return
      }
      alive = false
      socket.ping()
    }, timerMs(this.options.heartbeatMs))
    this.heartbeat.unref()
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
  }
}

/** ws hands text frames over as one Buffer (fragments joined); other shapes are joined here. */
function asBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)
}

/** WebSocket close codes in words a user can act on. */
function closeReason(code: number): string {
  switch (code) {
    case 1000:
      return 'The server closed the connection'
    case 1001:
      return 'The server is shutting down'
    case 1006:
      return 'The connection was lost'
    case 1008:
    case 1003:
      return 'The server refused a message'
    case 1011:
      return 'The server hit an internal error'
    default:
      return `The connection closed (code ${code})`
  }
}

function describeNetworkError(error: Error & { code?: string }, url: string): string {
  return (
    connectFailure(url, error.code, error.message) ??
    `Could not connect to ${url}: ${error.message}`
  )
}

const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`)

/**
 * A message past MAX_MESSAGE_BYTES, with its size when ws has read it from the frame header (its
 * receiver keeps it; the error itself does not say).
 */
function tooLarge(socket: WebSocket): string {
  const receiver = (socket as unknown as { _receiver?: { _totalPayloadLength?: unknown } })
    ._receiver
  const bytes = receiver?._totalPayloadLength
  const mb = (n: number): string => `${Math.round(n / (1024 * 1024)).toLocaleString('en')} MB`
  const size =
    typeof bytes === 'number' && bytes > MAX_MESSAGE_BYTES
      ? mb(bytes)
      : `more than ${mb(MAX_MESSAGE_BYTES)}`
  return `The qbo server sent a message of ${size}, more than Berth accepts (${mb(MAX_MESSAGE_BYTES)})`
}
