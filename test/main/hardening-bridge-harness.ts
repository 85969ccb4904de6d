import { mkdirSync, writeFileSync } from 'node:fs'
import { connect as netConnect, type Socket } from 'node:net'
import WebSocket from 'ws'
import type { AgentEvent, Result } from '@contract'
import type { Log } from '../../src-main/agent/log'
import { startHeadlessServer, type HeadlessServer } from '../../src-main/headless/server'
import type { ContractHost } from '../../src-main/headless/contract-host'
import type { FlowLimits } from '../../src-main/headless/flow-limits'

/** A contract host that records calls, answers from `answer`, and lets the test push events. */
export function fakeHost(answer: (method: unknown) => unknown = () => 'pong') {
  const listeners = new Set<(e: AgentEvent) => void>()
  const calls: unknown[] = []
  return {
    calls,
    listenerCount: () => listeners.size,
    push: (e: unknown) => listeners.forEach((l) => l(e as AgentEvent)),
    call: async (method: unknown): Promise<Result<unknown>> => {
      calls.push(method)
      return { ok: true, value: answer(method) }
    },
    onEvent: (l: (e: AgentEvent) => void) => {
      listeners.add(l)
      return () => listeners.delete(l)
    }
  }
}

/** A log that keeps its lines. */
export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`)
  }
}

/** Errors nobody caught while the test ran: each one would have ended the headless agent. */
export function watchUncaught(): {
  errors: unknown[]
  /** `work`, failing at once with the first uncaught error rather than waiting on forever. */
  guard<T>(work: Promise<T>): Promise<T>
  stop(): void
} {
  const errors: unknown[] = []
  const waiters = new Set<(error: unknown) => void>()
  const record = (error: unknown) => {
    errors.push(error)
    for (const fail of waiters) fail(error)
  }
  process.on('uncaughtException', record)
  process.on('unhandledRejection', record)
  return {
    errors,
    guard: (work) =>
      Promise.race([
        work,
        new Promise<never>((_, reject) => {
          if (errors.length > 0) reject(errors[0])
          else waiters.add(reject)
        })
      ]),
    stop() {
      process.off('uncaughtException', record)
      process.off('unhandledRejection', record)
    }
  }
}

/** Starts a server over a renderer folder in `dir` with a page and a script in it. */
export async function serve(
  dir: string,
  host: ContractHost,
  extra: { log?: Log; limits?: Partial<FlowLimits> } = {}
): Promise<HeadlessServer> {
  mkdirSync(`${dir}/renderer/assets`, { recursive: true })
  writeFileSync(`${dir}/renderer/index.html`, '<!doctype html><title>Berth</title>')
  writeFileSync(`${dir}/renderer/assets/app.js`, 'export {}')
  return startHeadlessServer({ host, rendererDir: `${dir}/renderer`, ...extra })
}

/** Polls a condition on the event loop (no fixed sleeps); fails after `ms`. */
export async function until(
  condition: () => boolean,
  ms = 10_000,
  what = 'condition'
): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

export const origin = (server: HeadlessServer) => `http://127.0.0.1:${server.port}`

/** An authorised page's socket, open. */
export function page(server: HeadlessServer): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, {
      origin: origin(server)
    })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

let nextId = 1
interface Waiter {
  resolve(result: Result<unknown>): void
  reject(error: Error): void
}
const waiting = new WeakMap<WebSocket, Map<number, Waiter>>()

/** Routes a page's answers to the requests waiting for them (one listener per socket). */
function waitersOf(ws: WebSocket): Map<number, Waiter> {
  const known = waiting.get(ws)
  if (known) return known
  const pending = new Map<number, Waiter>()
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number; result?: Result<unknown> }
    if (frame.id === undefined) return
    pending.get(frame.id)?.resolve(frame.result as Result<unknown>)
    pending.delete(frame.id)
  })
  ws.on('close', (code) => {
    for (const [id, waiter] of pending) waiter.reject(new Error(`closed (${code}) before ${id}`))
    pending.clear()
  })
  waiting.set(ws, pending)
  return pending
}

/** One request over a page's socket and its answer. */
export function call(ws: WebSocket, method: string, input: unknown = {}): Promise<Result<unknown>> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    waitersOf(ws).set(id, { resolve, reject })
    ws.send(JSON.stringify({ id, method, input }))
  })
}

/** A fresh authorised page gets a correct answer: the server is alive and serving. */
export async function answers(server: HeadlessServer, method = 'app.info'): Promise<unknown> {
  const ws = await page(server)
  try {
    const result = await call(ws, method)
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`)
    return result.value
  } finally {
    ws.close()
  }
}

export interface UpgradeRequest {
  path?: string
  host?: string
  origin?: string
  key?: string
  extra?: string
}

/** The bytes of a WebSocket upgrade request, by default a valid and authorised one. */
export function upgradeRequest(server: HeadlessServer, r: UpgradeRequest = {}): string {
  return (
    `GET ${r.path ?? `/api?token=${server.token}`} HTTP/1.1\r\n` +
    `Host: ${r.host ?? `127.0.0.1:${server.port}`}\r\n` +
    `Origin: ${r.origin ?? origin(server)}\r\n` +
    'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Key: ${r.key ?? 'dGhlIHNhbXBsZSBub25jZQ=='}\r\n` +
    `Sec-WebSocket-Version: 13\r\n${r.extra ?? ''}\r\n`
  )
}

/** Opens a raw TCP connection to the server. */
export function raw(server: HeadlessServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(server.port, '127.0.0.1', () => resolve(socket))
    socket.once('error', reject)
  })
}

/** Sends an upgrade request and resolves with the status line and whatever came after the head. */
export function upgrade(
  server: HeadlessServer,
  r: UpgradeRequest = {}
): Promise<{ socket: Socket; status: number; rest: Buffer }> {
  return raw(server).then(
    (socket) =>
      new Promise((resolve, reject) => {
        let got = Buffer.alloc(0)
        const onData = (chunk: Buffer) => {
          got = Buffer.concat([got, chunk])
          const end = got.indexOf('\r\n\r\n')
          if (end < 0) return
          socket.off('data', onData)
          socket.pause()
          const status = Number(/^HTTP\/1\.1 (\d+)/.exec(got.toString('latin1'))?.[1] ?? 0)
          resolve({ socket, status, rest: got.subarray(end + 4) })
        }
        socket.on('data', onData)
        socket.once('error', reject)
        socket.once('end', () => resolve({ socket, status: 0, rest: Buffer.alloc(0) }))
        socket.write(upgradeRequest(server, r))
      })
  )
}

export interface FrameBits {
  opcode: number
  payload: Buffer
  fin?: boolean
  rsv?: number
  mask?: boolean
  /** Claim another length than the payload's (to announce a frame too big to send). */
  length?: number
}

/** One WebSocket frame as a client puts it on the wire (masked unless told otherwise). */
export function frame(bits: FrameBits): Buffer {
  const { opcode, payload, fin = true, rsv = 0, mask = true } = bits
  const length = bits.length ?? payload.length
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)]
  const maskBit = mask ? 0x80 : 0
  if (length < 126) head.push(maskBit | length)
  else if (length < 65_536) head.push(maskBit | 126, length >> 8, length & 0xff)
  else {
    head.push(maskBit | 127)
    const big = Buffer.alloc(8)
    big.writeBigUInt64BE(BigInt(length))
    head.push(...big)
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload])
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78])
  const masked = Buffer.from(payload.map((b, i) => b ^ (key[i % 4] as number)))
  return Buffer.concat([Buffer.from(head), key, masked])
}

export const textFrame = (text: string) => frame({ opcode: 1, payload: Buffer.from(text, 'utf8') })

/** Reads until the server's close frame (or the end) and returns its status code, if any. */
export function closeCode(socket: Socket, already: Buffer = Buffer.alloc(0)): Promise<number> {
  return new Promise((resolve) => {
    let got = already
    const look = (): boolean => {
      // Server frames are unmasked; the replies before the close are short here.
      let at = 0
      while (at + 2 <= got.length) {
        const op = (got[at] as number) & 0x0f
        let len = (got[at + 1] as number) & 0x7f
        let start = at + 2
        if (len === 126) {
          if (got.length < at + 4) return false
          len = got.readUInt16BE(at + 2)
          start = at + 4
        } else if (len === 127) {
          if (got.length < at + 10) return false
          len = Number(got.readBigUInt64BE(at + 2))
          start = at + 10
        }
        if (got.length < start + len) return false
        if (op === 8) {
          resolve(len >= 2 ? got.readUInt16BE(start) : 1005)
          return true
        }
        at = start + len
      }
      return false
    }
    if (look()) return
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk])
      look()
    })
    socket.once('close', () => resolve(0))
    socket.once('error', () => undefined)
    socket.resume()
  })
}
