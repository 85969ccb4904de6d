import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server,
  type Socket
} from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AccountStatus } from '@contract'
import { testConnection } from '../../src-main/agent/connection-test'
import type { Agent } from '../../src-main/agent/service'
import { connectFailure } from '../../src-main/providers/connect-failure'
import { QboClient } from '../../src-main/providers/qbo/client'
import type { CycleAccountSpec } from '../../src-main/store/account-spec'
import { makeAgent, openStores, tokenAccount } from '../support/agent'
import { tempDir } from '../support/temp-dir'
import { accountState, nextEvent } from '../support/wait'

const MB = 1024 * 1024

/** A self-signed certificate for 127.0.0.1, made by the openssl command line for this run. */
function selfSigned(dir: string): { key: Buffer; cert: Buffer } {
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1'
    ],
    { stdio: 'ignore' }
  )
  return { key: readFileSync(key), cert: readFileSync(cert) }
}

function listen<S extends Server | HttpServer>(server: S): Promise<{ server: S; port: number }> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port })
    )
  )
}

const cycleSpec = (url: string): CycleAccountSpec => ({
  id: 'cycle:Tls',
  kind: 'cycle',
  name: 'Tls',
  origin: 'config',
  url,
  apiKey: 'k',
  hubId: '0123456789abcdef01234567'
})

async function failureOf(spec: Parameters<typeof testConnection>[0]): Promise<string> {
  const result = await testConnection(spec, { timeoutMs: 5_000 })
  if (result.ok) throw new Error('the connection test passed')
  return result.error.message
}

describe('TLS trouble, said for what it is', () => {
  const dir = tempDir()
  let tlsPort: number
  let plainPort: number
  const servers: Array<Server | HttpServer> = []
  beforeAll(async () => {
    const tls = await listen(createHttpsServer(selfSigned(dir.path), (_q, r) => r.end('{}')))
    const plain = await listen(createHttpServer((_q, r) => r.end('{}')))
    servers.push(tls.server, plain.server)
    tlsPort = tls.port
    plainPort = plain.port
  })
  afterAll(async () => {
    for (const s of servers) {
      if ('closeAllConnections' in s) s.closeAllConnections()
      await new Promise((r) => s.close(r))
    }
    dir.remove()
  })

  it('a Cycle hub with a self-signed certificate', async () => {
    const url = `https://127.0.0.1:${tlsPort}`
    expect(await failureOf(cycleSpec(url))).toBe(
      `${url} presents a self-signed certificate, which Berth does not trust; give the server a certificate from a trusted authority`
    )
  })

  it('a plain HTTP server behind an https:// address', async () => {
    const url = `https://127.0.0.1:${plainPort}`
    expect(await failureOf(cycleSpec(url))).toBe(
      `The server at ${url} does not speak TLS on this port (try without TLS: an http:// address)`
    )
  })

  it('a qbo server with a self-signed certificate, and one without TLS behind wss://', async () => {
    const tlsUrl = `wss://127.0.0.1:${tlsPort}/`
    expect(await failureOf(tokenAccount('Q', tlsUrl, 't'))).toBe(
      `${tlsUrl} presents a self-signed certificate, which Berth does not trust; give the server a certificate from a trusted authority`
    )
    const plainUrl = `wss://127.0.0.1:${plainPort}/`
    expect(await failureOf(tokenAccount('Q', plainUrl, 't'))).toBe(
      `The server at ${plainUrl} does not speak TLS on this port (try without TLS: a ws:// address)`
    )
  })

  it('the other certificate faults by their codes', () => {
    const url = 'https://hub.example'
    expect(connectFailure(url, 'CERT_HAS_EXPIRED', '')).toBe(
      'The certificate of https://hub.example has expired; renew it on the server'
    )
    expect(connectFailure(url, 'ERR_TLS_CERT_ALTNAME_INVALID', '')).toBe(
      'The certificate of https://hub.example is for another host name; connect with a name the certificate lists'
    )
    expect(connectFailure(url, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', '')).toMatch(
      /comes from an authority this computer does not trust/
    )
    expect(connectFailure(url, 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', '')).toMatch(
      /^The TLS handshake with https:\/\/hub.example failed \(ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE\)/
    )
    // Electron's BoringSSL words it in the message.
    expect(
      connectFailure(url, 'EPROTO', 'SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER')
    ).toMatch(/does not speak TLS on this port/)
    expect(connectFailure(url, undefined, 'something else')).toBeUndefined()
  })
})

/**
 * A WebSocket server written by hand: it completes the handshake, and answers the client's first
 * frame with the header of a text message of `announced` bytes (the body never needs to follow).
 */
async function oversizeServer(announced: number): Promise<{
  url: string
  connections(): number
  close(): Promise<void>
}> {
  let connections = 0
  const sockets = new Set<Socket>()
  const server = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let request = ''
    let open = false
    socket.on('data', (chunk) => {
      if (open) {
        const header = Buffer.alloc(10)
        header[0] = 0x81
        header[1] = 127
        header.writeBigUInt64BE(BigInt(announced), 2)
        socket.write(header)
        return
      }
      request += chunk.toString('latin1')
      if (!request.includes('\r\n\r\n')) return
      const key = /sec-websocket-key:\s*(\S+)/i.exec(request)?.[1] ?? ''
      const accept = createHash('sha1')
        .update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
        .digest('base64')
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`
      )
      open = true
      connections++
    })
  })
  const { port } = await listen(server)
  return {
    url: `ws://127.0.0.1:${port}/`,
    connections: () => connections,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy()
        server.close(() => done())
      })
  }
}

describe('a qbo message over the size limit', () => {
  let server: Awaited<ReturnType<typeof oversizeServer>> | undefined
  let client: QboClient | undefined
  let agent: Agent | undefined
  const dir = tempDir()
  const stores = openStores(dir.path)
  afterEach(async () => {
    client?.close()
    agent?.stop()
    await server?.close()
  })
  afterAll(() => {
    stores.close()
    dir.remove()
  })

  it('says how large it was, to the request waiting and to whoever watches the socket', async () => {
    server = await oversizeServer(600 * MB)
    client = new QboClient({ url: server.url, auth: { kind: 'token', token: 't' } })
    const closed = new Promise<string>((resolve) => client!.on('closed', resolve))
    await client.connect()
    const message = 'The qbo server sent a message of 600 MB, more than Berth accepts (512 MB)'
    await expect(client.request('get nodes')).rejects.toMatchObject({ kind: 'network', message })
    expect(await closed).toBe(message)
  })

  it('the account says so, and reconnects ever more slowly rather than in a loop', async () => {
    server = await oversizeServer(600 * MB)
    agent = makeAgent(stores, dir.path, [tokenAccount('Big', server.url, 't')], {
      // 25 ms, 50, 100, 200, 400…: the old backoff started over at 25 ms after every connection.
      policy: { backoff: { baseMs: 50, capMs: 60_000, floorMs: 5 }, random: () => 0.5 }
    })
    const offline = nextEvent(agent, accountState('offline'))
    agent.start()
    const event = await offline
    const status = (event as { account: { status: AccountStatus } }).account.status
    expect(status).toMatchObject({
      state: 'offline',
      reason: 'The qbo server sent a message of 600 MB, more than Berth accepts (512 MB)'
    })
    // A bounded window: at 25 ms a round the old runner connected some thirty times in it.
    await new Promise((r) => setTimeout(r, 800))
    expect(server.connections()).toBeLessThanOrEqual(7)
  })
})
