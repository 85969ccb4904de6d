import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { seedHub } from './qbo/seed'
import { createQboEndpoint, rejectUpgrade } from './qbo/server'
import type { QboSandbox } from './qbo/server'

export type { QboSandbox } from './qbo/server'

/** Fixed so that a restarted sandbox accepts the credential a client saved last time. */
export const DEFAULT_QBO_TOKEN = '5a9d3c1e-7b2f-4e6a-8c0d-b3e1f4a2c9d7'
const HOST = '127.0.0.1'

export interface SandboxOptions {
  port?: number
  qboToken?: string
  seed?: number
  clusters?: number
  nodesPerCluster?: number
}

export interface Sandbox {
  port: number
  qbo: QboSandbox
  connection(): { qbo: { url: string; token: string } }
  close(): Promise<void>
}

/**
 * One emulator sharing the server. Each hook returns true when it took the request, so emulators
 * (qbo now, Cycle later) can be tried in turn and whatever nobody claims gets a 404.
 */
interface Mount {
  handleRequest?(req: IncomingMessage, res: ServerResponse): boolean
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  close(): void
}

function notFound(res: ServerResponse): void {
  const body = JSON.stringify({ error: 'not found' })
  res.writeHead(404, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body)
  })
  res.end(body)
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    server.once('error', onError)
    server.listen(port, HOST, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const requestedPort = options.port ?? 0
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${requestedPort}`)
  }
  const token = options.qboToken ?? DEFAULT_QBO_TOKEN
  if (token === '') throw new RangeError('qboToken must not be empty')
  const hub = seedHub({
    seed: options.seed,
    clusters: options.clusters,
    nodesPerCluster: options.nodesPerCluster
  })

  let port = requestedPort
  const qbo = createQboEndpoint({ hub, token, url: () => `ws://${HOST}:${port}/` })
  const mounts: Mount[] = [qbo]

  const server = createServer((req, res) => {
    if (!mounts.some((mount) => mount.handleRequest?.(req, res) ?? false)) notFound(res)
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client vanishing mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy())
    if (!mounts.some((mount) => mount.handleUpgrade?.(req, socket, head) ?? false)) {
      rejectUpgrade(socket, 404, 'Not Found', { error: 'not found' })
    }
  })
  port = await listen(server, requestedPort)

  let closing: Promise<void> | undefined
  return {
    port,
    qbo: qbo.sandbox,
    connection: () => ({ qbo: { url: qbo.sandbox.url, token } }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const mount of mounts) mount.close()
        // The callback fires once the listening socket and every connection are gone.
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}
