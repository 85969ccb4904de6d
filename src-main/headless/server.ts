import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ContractBridge, type ContractHost } from './bridge'
import { serveStatic } from './static-files'

export interface HeadlessServerOptions {
  host: ContractHost
  rendererDir: string
  port?: number
  /** Defaults to a fresh random token per run. */
  token?: string
}

export interface HeadlessServer {
  port: number
  token: string
  /** The address to open: the token travels in the fragment, which browsers never send. */
  url: string
  close(): Promise<void>
}

/** Serves the built UI and the contract on 127.0.0.1 only. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const hosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]
  const bridge = new ContractBridge(options.host, token, () => hosts().map((h) => `http://${h}`))

  const server = createServer((req, res) => {
    // A Host check stops DNS-rebinding pages from reading the UI through another name.
    if (
      !hosts().includes(req.headers.host ?? '') ||
      (req.method !== 'GET' && req.method !== 'HEAD')
    ) {
      res.writeHead(403).end()
      return
    }
    void serveStatic(options.rendererDir, new URL(req.url ?? '/', 'http://x').pathname, res)
  })
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
    close: () =>
      new Promise((resolve) => {
        bridge.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
