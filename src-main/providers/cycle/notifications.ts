import WebSocket from 'ws'
import { MAX_WAIT_MS, timerMs } from '../delay'
import { asProviderError } from '../errors'
import { Notification } from './schemas'
import type { CycleApi } from './api'

export interface NotificationEvents {
  message(notification: Notification): void
  /** The socket is up (true) or down (false): polling stands in while it is down. */
  link(up: boolean): void
}

/**
 * The hub notification pipeline: fetch a short-lived token, open the socket on the same path with
 * it, and reopen (with a fresh token) whenever it drops, backing off while the hub refuses.
 */
export class NotificationPipe {
  private socket: WebSocket | null = null
  private timer: NodeJS.Timeout | null = null
  private attempt = 0
  private closed = false

  constructor(
    private readonly api: CycleApi,
    private readonly events: NotificationEvents,
    private readonly retryMs: (attempt: number) => number
  ) {}

  open(): void {
    this.closed = false
    void this.connect()
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.socket?.terminate()
    this.socket = null
  }

  private async connect(): Promise<void> {
    let token: string
    try {
      token = (await this.api.notificationToken()).token
    } catch (error) {
      this.retry(asProviderError(error).retryAfterMs)
      return
    }
    if (this.closed) return
    const base = new URL(this.api.credentials.url)
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:'
    base.pathname = '/v1/hubs/current/notifications'
    base.search = new URLSearchParams({ token }).toString()
    const socket = new WebSocket(base.toString(), { handshakeTimeout: 10_000 })
    this.socket = socket
    socket.on('open', () => {
      this.attempt = 0
      this.events.link(true)
    })
    socket.on('message', (data) => {
      let json: unknown
      try {
        json = JSON.parse(data.toString())
      } catch {
        return
      }
      const parsed = Notification.safeParse(json)
      if (parsed.success) this.events.message(parsed.data)
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      if (this.socket !== socket) return
      this.socket = null
      this.events.link(false)
      this.retry()
    })
  }

  /** `askedMs`: what the hub asked for (Retry-After), honoured as a floor. */
  private retry(askedMs = 0): void {
    if (this.closed) return
    const delay = Math.min(Math.max(this.retryMs(this.attempt++), askedMs), MAX_WAIT_MS)
    this.timer = setTimeout(() => void this.connect(), timerMs(delay))
  }
}
