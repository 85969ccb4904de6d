import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { Log } from '../agent/log'
import type { ContractHost } from './contract-host'
import { defaultFlowLimits, newCounters, type BridgeStats, type FlowLimits } from './flow-limits'
import { requestTarget } from './request-target'
import { ServedPage } from './served-page'

export type { ContractHost } from './contract-host'

export interface BridgeOptions {
  host: ContractHost
  token: string
  /** The Host names this server answers to; the pages it serves have these origins. */
  hosts: () => readonly string[]
  log: Log
  limits?: Partial<FlowLimits>
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The contract over a loopback WebSocket. Only a page served by this same server (Host and Origin
 * checks) holding this run's token may connect: another site in the user's browser, a
 * DNS-rebinding page, or another local user who guessed the port, gets a 403.
 */
export class ContractBridge {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    perMessageDeflate: false
  })
  private readonly counters = newCounters()
  private readonly limits: FlowLimits

  constructor(private readonly options: BridgeOptions) {
    this.limits = { ...defaultFlowLimits, ...options.limits }
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // First of all: the http server has let go of this socket, and a peer that resets it would
    // otherwise raise an error nobody listens for, which ends the process. Nothing to learn
    // from it: the peer went away.
    socket.on('error', () => socket.destroy())
    if (!this.admits(req)) {
      socket.once('finish', () => socket.destroy())
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      new ServedPage(ws, this.options.host, this.limits, this.counters, this.options.log)
    })
  }

  /** Whether `token` is this run's: a page asks after its socket was refused (see server.ts). */
  acceptsToken(token: string): boolean {
    return sameSecret(token, this.options.token)
  }

  stats(): BridgeStats {
    return { ...this.counters, connections: this.wss.clients.size }
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate()
    this.wss.close()
  }

  private admits(req: IncomingMessage): boolean {
    const target = requestTarget(req.url)
    const hosts = this.options.hosts()
    return (
      target !== null &&
      target.pathname === '/api' &&
      hosts.includes(req.headers.host ?? '') &&
      hosts.some((host) => `http://${host}` === req.headers.origin) &&
      sameSecret(target.searchParams.get('token') ?? '', this.options.token)
    )
  }
}
