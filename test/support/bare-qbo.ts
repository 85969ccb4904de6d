import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

export type Reply = (cmd: string) => Record<string, unknown> | string

export interface BareServer {
  url: string
  close(): Promise<void>
}

/** A loopback WebSocket server that does whatever `serve` does with each connection. */
export function bareServer(serve: (ws: WebSocket) => void): Promise<BareServer> {
  return new Promise((resolve) => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    wss.on('connection', serve)
    wss.on('listening', () =>
      resolve({
        url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`,
        close: () =>
          new Promise<void>((r) => {
            for (const c of wss.clients) c.terminate()
            wss.close(() => r())
          })
      })
    )
  })
}

/** A hand-scripted qbo server: each command gets whatever `reply` returns (object or raw text). */
export function scriptedQbo(reply: Reply): Promise<BareServer> {
  return bareServer((ws) => {
    ws.on('message', (data) => {
      const { cmd } = JSON.parse(String(data)) as { cmd: string }
      const body = reply(cmd)
      ws.send(
        typeof body === 'string'
          ? body
          : JSON.stringify({ status: 'OK', code: 200, command_line: `qbo ${cmd}`, ...body })
      )
    })
  })
}
