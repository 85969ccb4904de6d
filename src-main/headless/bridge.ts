import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import type { AgentEvent, Result } from '@contract'

export interface ContractHost {
  call(method: unknown, input: unknown): Promise<Result<unknown>>
  onEvent(listener: (event: AgentEvent) => void): () => void
}

const Frame = z.object({ id: z.number().int(), method: z.string(), input: z.unknown() })

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The contract over a loopback WebSocket. Only a page served by this same server (Origin check)
 * holding this run's token may connect: another site in the user's browser, or another local
 * user who guessed the port, gets a 403.
 */
export class ContractBridge {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })

  constructor(
    private readonly host: ContractHost,
    private readonly token: string,
    private readonly allowedOrigins: () => readonly string[]
  ) {
    this.wss.on('connection', (socket) => this.serve(socket))
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const origin = req.headers.origin ?? ''
    const token = url.searchParams.get('token') ?? ''
    if (
      url.pathname !== '/api' ||
      !this.allowedOrigins().includes(origin) ||
      !sameSecret(token, this.token)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req))
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate()
    this.wss.close()
  }

  private serve(socket: WebSocket): void {
    const dispose = this.host.onEvent((event) => socket.send(JSON.stringify({ event })))
    socket.on('close', dispose)
    socket.on('message', async (data, isBinary) => {
      let frame: z.infer<typeof Frame>
      try {
        frame = Frame.parse(JSON.parse(isBinary ? '' : data.toString()))
      } catch {
        socket.close(1008, 'malformed frame')
        return
      }
      const result = await this.host.call(frame.method, frame.input)
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: frame.id, result }))
    })
  }
}
