import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testConnection } from '../../src-main/agent/connection-test'
import { specFromConfig } from '../../src-main/agent/config'

/**
 * What a connection test says when the address is wrong in the two commonest ways: TLS asked of
 * a server that speaks plain HTTP, and an address where something other than Cycle answers.
 * Neither may show a library's words (an OpenSSL string, "HTTP 404 (404)").
 */
describe('connection test words', () => {
  let server: Server
  let port: number
  const asked: string[] = []

  beforeEach(async () => {
    asked.length = 0
    server = createServer((req, res) => {
      asked.push(req.url ?? '')
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterEach(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  const cycle = (url: string) =>
    specFromConfig({ kind: 'cycle', name: 'Hub', url, apiKey: 'key', hubId: 'a'.repeat(24) })

  it('says a server without TLS does not speak it on this port, for a hub and for qbo', async () => {
    const hub = await testConnection(cycle(`https://127.0.0.1:${port}`))
    expect(hub).toMatchObject({
      ok: false,
      error: {
        message: `The server at https://127.0.0.1:${port} does not speak TLS on this port (try without TLS: an http:// address)`
      }
    })
    const qbo = await testConnection(
      specFromConfig({ kind: 'qbo', name: 'Q', url: `wss://127.0.0.1:${port}/`, token: 't' })
    )
    expect(qbo.ok === false && qbo.error.message).toMatch(
      /does not speak TLS on this port \(try without TLS: a ws:\/\/ address\)/
    )
    for (const result of [hub, qbo]) {
      expect(result.ok === false && result.error.message).not.toMatch(/version number|SSL/i)
    }
  })

  it('says what it expected when something other than Cycle answers 404', async () => {
    const result = await testConnection(cycle(`http://127.0.0.1:${port}`))
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'not-found',
        message: `No Cycle API at this address: http://127.0.0.1:${port} answered 404 to /v1/hubs/current; check the API URL`
      }
    })
    expect(asked).toEqual(['/v1/hubs/current'])
  })
})
