import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { testConnection } from '../../src-main/agent/connection-test'
import { ProviderError } from '../../src-main/providers/errors'
import { QboClient } from '../../src-main/providers/qbo/client'
import { tokenAccount } from '../support/agent'

/**
 * Accepts, starts an HTTP answer, then trickles one byte of an endless header line every 20 ms:
 * each byte resets an idle timeout, so only a bound on the whole handshake ends it.
 */
function trickler(statusLine: string): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.write(`${statusLine}\r\nX-Slow: `)
    const drip = setInterval(() => socket.write('a'), 20)
    socket.on('close', () => {
      clearInterval(drip)
      sockets.delete(socket)
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy()
            server.close(() => done())
          })
      })
    )
  )
}

/** Fails the test rather than hang it when `promise` takes longer than `ms`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

describe('a server that accepts and then trickles its handshake', () => {
  let server: Awaited<ReturnType<typeof trickler>>
  let client: QboClient | undefined
  const start = async (statusLine = 'HTTP/1.1 101 Switching Protocols') => {
    server = await trickler(statusLine)
  }
  afterEach(async () => {
    client?.close()
    await server.close()
  })

  it('the qbo client gives up after its connect timeout, however often a byte arrives', async () => {
    await start()
    const url = `ws://127.0.0.1:${server.port}/`
    client = new QboClient({ url, auth: { kind: 'token', token: 't' } }, { connectTimeoutMs: 200 })
    const started = Date.now()
    const error = await within(
      3_000,
      client.connect().then(
        () => null,
        (e: unknown) => e
      )
    )
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({
      kind: 'network',
      message: `${url} did not complete the WebSocket handshake within 200 ms`
    })
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  it('Test connection of a qbo account answers within its bound', async () => {
    await start()
    const spec = tokenAccount('Slow', `ws://127.0.0.1:${server.port}/`, 't')
    const started = Date.now()
    const result = await within(3_000, testConnection(spec, { timeoutMs: 200 }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('unavailable')
    expect(result.error.message).toMatch(/within 200 ms/)
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  it('Test connection of a Cycle hub answers within its bound', async () => {
    await start('HTTP/1.1 200 OK')
    const spec = {
      id: 'cycle:Slow',
      kind: 'cycle' as const,
      name: 'Slow',
      origin: 'config' as const,
      url: `http://127.0.0.1:${server.port}`,
      apiKey: 'k',
      hubId: 'h'
    }
    const started = Date.now()
    const result = await within(3_000, testConnection(spec, { timeoutMs: 200 }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('unavailable')
    expect(result.error.message).toMatch(/did not answer in time|within 200 ms/)
    expect(Date.now() - started).toBeLessThan(1_500)
  })
})
