import fc from 'fast-check'
import type { Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { methods } from '@contract'
import type { Agent } from '../../src-main/agent/service'
import type { HeadlessServer } from '../../src-main/headless/server'
import { makeAgent, openStores } from '../support/agent'
import { tempDir } from '../support/temp-dir'
import {
  answers,
  frame,
  origin,
  raw,
  until,
  serve,
  upgrade,
  watchUncaught
} from './hardening-bridge-harness'

/** Runs per property: enough to cover each shape many times, bounded in count and in time. */
const RUNS = { numRuns: 1000, interruptAfterTimeLimit: 5_000 }

/** Sockets (client and server ends alike) this process holds open. */
const openSockets = () =>
  process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length

/** Methods a random frame may name: all but those that would reach out to a host it names. */
const localMethods = Object.keys(methods).filter(
  (m) => m !== 'accounts.add' && m !== 'accounts.test'
)

const ascii = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength })

const anyFrame = fc
  .record({
    opcode: fc.integer({ min: 0, max: 15 }),
    fin: fc.boolean(),
    rsv: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 7 })),
    mask: fc.oneof(fc.constant(true), fc.boolean()),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.json().map((j) => new TextEncoder().encode(j))
    ),
    length: fc.option(
      fc.oneof(
        fc.nat(300),
        fc.integer({ min: 65_536, max: 70_000 }),
        fc.constant(2 ** 21),
        fc.constant(2 ** 53 + 8)
      ),
      { nil: undefined }
    )
  })
  .map((bits) => frame({ ...bits, payload: Buffer.from(bits.payload) }))

const chunk = fc.oneof(
  anyFrame,
  fc.uint8Array({ maxLength: 1024 }).map((b) => Buffer.from(b))
)

/** How a client leaves: politely, abruptly, or by reset. */
const leave = fc.constantFrom('end', 'destroy', 'reset')
function leaveBy(socket: Socket, how: string): void {
  if (how === 'end') {
    // Half-closed, it reads on until the server has closed its side too.
    socket.end()
    socket.resume()
  } else if (how === 'reset') socket.resetAndDestroy()
  else socket.destroy()
}

/** A request frame as the bridge accepts it: a safe-integer id and a short method name. */
function wellFormed(text: string): boolean {
  try {
    const v = JSON.parse(text) as unknown
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
    const { id, method } = v as { id?: unknown; method?: unknown }
    return Number.isSafeInteger(id) && typeof method === 'string' && method.length <= 128
  } catch {
    return false
  }
}

const jsonishText = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.json({ maxDepth: 3 }),
  fc
    .record(
      {
        id: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 4 }), fc.constant(null)),
        method: fc.oneof(fc.constantFrom(...localMethods), fc.string({ maxLength: 140 })),
        input: fc.jsonValue({ maxDepth: 3 })
      },
      { requiredKeys: [] }
    )
    .map((r) => JSON.stringify(r))
)

describe('fuzzing the contract socket leaves the agent alive and answering', () => {
  let dir: ReturnType<typeof tempDir>
  let stores: ReturnType<typeof openStores>
  let agent: Agent
  let server: HeadlessServer
  let uncaught: ReturnType<typeof watchUncaught>
  let baseline: number
  beforeEach(async () => {
    dir = tempDir()
    uncaught = watchUncaught()
    stores = openStores(dir.path)
    agent = makeAgent(stores, dir.path, [])
    server = await serve(dir.path, agent)
    baseline = openSockets()
  })
  afterEach(async () => {
    await server.close()
    agent.stop()
    stores.close()
    uncaught.stop()
    dir.remove()
  })

  /** Every connection the fuzz opened is gone, nothing went uncaught, and a fresh page is served. */
  async function stillServing(): Promise<void> {
    await until(() => openSockets() <= baseline, 15_000, 'the fuzzed connections to close')
    expect(uncaught.errors).toEqual([])
    expect(await answers(server, 'app.info')).toEqual(agent.info())
    expect(await answers(server, 'accounts.list')).toEqual([])
  }

  it('survives random bytes and frames after a valid upgrade', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(chunk, { minLength: 1, maxLength: 6 }),
        leave,
        async (parts, how) => {
          const { socket, status } = await upgrade(server)
          expect(status).toBe(101)
          socket.on('error', () => undefined)
          for (const part of parts) socket.write(part)
          leaveBy(socket, how)
        }
      ),
      RUNS
    )
    await stillServing()
  }, 60_000)

  it('answers well-formed frames and closes on malformed ones, whatever they hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(jsonishText, fc.uint8Array({ maxLength: 64 })), {
          minLength: 1,
          maxLength: 8
        }),
        async (frames) => {
          const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, {
            origin: origin(server)
          })
          await new Promise((r) => ws.once('open', r))
          let closedWith = 0
          const closed = new Promise<void>((r) =>
            ws.once('close', (code) => {
              closedWith = code
              r()
            })
          )
          // An id no generated frame uses: the answer to the last request, app.info.
          const SENTINEL = 2 ** 40
          const sentinel = new Promise<unknown>((resolve) =>
            ws.on('message', (data) => {
              const reply = JSON.parse(String(data)) as { id?: unknown; result?: unknown }
              if (reply.id === SENTINEL) resolve(reply.result)
            })
          )
          for (const f of frames) ws.send(f, { binary: typeof f !== 'string' })
          ws.send(JSON.stringify({ id: SENTINEL, method: 'app.info' }))
          const good = frames.every((f) => typeof f === 'string' && wellFormed(f))
          const answer = await Promise.race([closed.then(() => 'closed'), sentinel])
          if (good) expect(answer).toEqual({ ok: true, value: agent.info() })
          else {
            await closed
            expect(closedWith).toBe(1008)
          }
          ws.close()
          await closed
        }
      ),
      RUNS
    )
    await stillServing()
  }, 60_000)

  it('upgrades only an authorised request, whatever else it is sent', async () => {
    const right = { host: `127.0.0.1:${server.port}`, origin: origin(server) }
    const request = fc.record({
      token: fc.oneof(fc.constant(server.token), fc.constant('wrong'), ascii(40)),
      path: fc.constantFrom('/api', '/api/', '/', '//api', '/API'),
      host: fc.oneof(
        fc.constant(right.host),
        fc.constant(`localhost:${server.port}`),
        fc.constant('evil.example'),
        ascii(30)
      ),
      origin: fc.oneof(
        fc.constant(right.origin),
        fc.constant(`http://localhost:${server.port}`),
        fc.constant('null'),
        ascii(30)
      ),
      key: fc.oneof(fc.constant('dGhlIHNhbXBsZSBub25jZQ=='), ascii(30)),
      version: fc.constantFrom('13', '8', ''),
      extra: fc.array(ascii(40), { maxLength: 3 })
    })
    const junk = fc.uint8Array({ minLength: 1, maxLength: 600 }).map((b) => Buffer.from(b))
    await fc.assert(
      fc.asyncProperty(fc.oneof(request, junk), leave, fc.boolean(), async (r, how, read) => {
        const bytes = Buffer.isBuffer(r)
          ? r
          : Buffer.from(
              `GET ${r.path}?token=${encodeURIComponent(r.token)} HTTP/1.1\r\nHost: ${r.host}\r\n` +
                `Origin: ${r.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
                `Sec-WebSocket-Key: ${r.key}\r\nSec-WebSocket-Version: ${r.version}\r\n` +
                r.extra.map((line) => `${line}\r\n`).join('') +
                '\r\n',
              'latin1'
            )
        const socket = await raw(server)
        socket.on('error', () => undefined)
        if (!read || Buffer.isBuffer(r)) {
          socket.write(bytes)
          leaveBy(socket, how)
          return
        }
        const status = await new Promise<number>((resolve) => {
          let got = ''
          socket.on('data', (c: Buffer) => {
            got += c.toString('latin1')
            const m = /^HTTP\/1\.1 (\d+)/.exec(got)
            if (m) resolve(Number(m[1]))
          })
          socket.once('close', () => resolve(0))
          socket.write(bytes)
        })
        const authorised =
          r.path === '/api' &&
          r.token === server.token &&
          (r.host === right.host || r.host === `localhost:${server.port}`) &&
          (r.origin === right.origin || r.origin === `http://localhost:${server.port}`)
        if (status === 101) expect(authorised).toBe(true)
        leaveBy(socket, how)
      }),
      RUNS
    )
    await stillServing()
  }, 60_000)
})
