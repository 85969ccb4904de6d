import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { silentLog, type Log } from '../agent/log'
import { ContractBridge, type ContractHost } from './bridge'
import type { BridgeStats, FlowLimits } from './flow-limits'
import { requestTarget } from './request-target'
import { serveStatic } from './static-files'

/** Where a page checks its token, and the header it sends it in (lib/api/token.ts says the same). */
const TOKEN_CHECK_PATH = '/api/session'
const TOKEN_HEADER = 'x-berth-token'

export interface HeadlessServerOptions {
  host: ContractHost
  rendererDir: string
  port?: number
  /** Defaults to a fresh random token per run. */
  token?: string
  /** Where refused frames and cut-off pages are noted; silent when left out. */
  log?: Log
  /** Tests tighten these to reach the limits quickly. */
  limits?: Partial<FlowLimits>
}

export interface HeadlessServer {
  port: number
  token: string
  /** The address to open: the token travels in the fragment, which browsers never send. */
  url: string
  /** The bridge's own counters of the load it carried. */
  stats(): BridgeStats
  close(): Promise<void>
}

/** A malformed request (or a reset mid-request) ends that connection and nothing else. */
function refuseMalformed(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  socket.once('finish', () => socket.destroy())
  socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
}

/** Serves the built UI and the contract on 127.0.0.1 only. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const hosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]
  // A Host check stops DNS-rebinding pages from reaching the UI or the socket through another name.
  const knownHost = (req: IncomingMessage): boolean => hosts().includes(req.headers.host ?? '')
  const bridge = new ContractBridge({
    host: options.host,
    token,
    hosts,
    log: options.log ?? silentLog,
    limits: options.limits
  })

  const server = createServer((req, res) => {
    if (!knownHost(req) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(403).end()
      return
    }
    const target = requestTarget(req.url)
    if (!target) {
      res.writeHead(404).end()
      return
    }
    if (target.pathname === TOKEN_CHECK_PATH) {
      // A browser never shows why a socket's handshake was refused, so the page asks here to
      // tell "Berth restarted with a new token" from "Berth is down". The token comes in a
      // header: another site cannot send one without a preflight, which this server refuses.
      const given = req.headers[TOKEN_HEADER]
      const ok = typeof given === 'string' && bridge.acceptsToken(given)
      res.writeHead(ok ? 204 : 403, { 'Cache-Control': 'no-store' }).end()
      return
    }
    serveStatic(options.rendererDir, target.pathname, res).catch(() => {
      if (res.headersSent) res.destroy()
      else res.writeHead(500).end()
    })
  })
  server.on('clientError', refuseMalformed)
  server.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    stats: () => bridge.stats(),
    close: () =>
      new Promise((resolve) => {
        bridge.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
