import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HeadlessServer } from '../../src-main/headless/server'
import { tempDir } from '../support/temp-dir'
import {
  answers,
  closeCode,
  fakeHost,
  frame,
  origin,
  raw,
  recordingLog,
  serve,
  textFrame,
  until,
  upgrade,
  upgradeRequest,
  watchUncaught
} from './hardening-bridge-harness'

function get(port: number, path: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

/** Sockets (client and server ends alike) this process holds open. */
const openSockets = () =>
  process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length

describe('the headless server survives what a local process or a page throws at it', () => {
  let dir: ReturnType<typeof tempDir>
  let server: HeadlessServer
  let host: ReturnType<typeof fakeHost>
  let log: ReturnType<typeof recordingLog>
  let uncaught: ReturnType<typeof watchUncaught>
  beforeEach(async () => {
    dir = tempDir()
    host = fakeHost((method) => (method === 'app.info' ? { version: 'test' } : 'pong'))
    log = recordingLog()
    uncaught = watchUncaught()
    server = await serve(dir.path, host, { log })
  })
  afterEach(async () => {
    uncaught.stop()
    await server.close()
    dir.remove()
  })

  it('outlives upgrade requests whose connection is reset, with or without a token', async () => {
    const before = openSockets()
    for (let i = 0; i < 30; i++) {
      const socket = await raw(server)
      const token = i % 3 === 0 ? server.token : 'wrong'
      socket.write(
        upgradeRequest(server, { path: `/api?token=${token}`, origin: 'http://evil.example' })
      )
      // Alternate: reset at once, or once the server has answered.
      if (i % 2 === 1) await new Promise((r) => socket.once('data', r))
      socket.resetAndDestroy()
    }
    // Every server end has been dealt with once the process holds no more sockets than before.
    await until(() => openSockets() <= before, 10_000, 'the reset sockets to close')
    expect(await answers(server)).toEqual({ version: 'test' })
    expect(uncaught.errors).toEqual([])
  })

  it('outlives a reset in the middle of a plain HTTP request', async () => {
    const before = openSockets()
    for (let i = 0; i < 10; i++) {
      const socket = await raw(server)
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`)
      socket.resetAndDestroy()
    }
    await until(() => openSockets() <= before, 10_000, 'the reset sockets to close')
    expect(await answers(server)).toEqual({ version: 'test' })
    expect(uncaught.errors).toEqual([])
  })

  it.each([
    [
      'a frame over the 1 MiB limit',
      frame({ opcode: 1, payload: Buffer.alloc(0), length: 2 ** 21 }),
      1009
    ],
    ['invalid UTF-8', frame({ opcode: 1, payload: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) }), 1007],
    ['an unmasked frame', frame({ opcode: 1, payload: Buffer.from('{}'), mask: false }), 1002],
    ['RSV1 set', frame({ opcode: 1, payload: Buffer.from('{}'), rsv: 4 }), 1002],
    ['an unknown opcode', frame({ opcode: 3, payload: Buffer.from('{}') }), 1002],
    ['close code 999', frame({ opcode: 8, payload: Buffer.from([0x03, 0xe7]) }), 1002]
  ])('closes the page that sends %s, logs why, and keeps serving', async (_what, bad, code) => {
    const { socket, status, rest } = await upgrade(server)
    expect(status).toBe(101)
    socket.write(bad)
    expect(await closeCode(socket, rest)).toBe(code)
    await until(() => host.listenerCount() === 0, 10_000, 'the page to be let go')
    expect(await answers(server)).toEqual({ version: 'test' })
    expect(uncaught.errors).toEqual([])
    expect(
      log.lines.some((l) => l.startsWith("warn Closed a page's socket after a bad frame"))
    ).toBe(true)
    socket.destroy()
  })

  it('still answers a page whose frames are well formed', async () => {
    const { socket, status, rest } = await upgrade(server)
    expect(status).toBe(101)
    socket.write(textFrame(JSON.stringify({ id: 1, method: 'accounts.list', input: {} })))
    socket.write(textFrame('not json'))
    expect(await closeCode(socket, rest)).toBe(1008)
    expect(host.calls).toEqual(['accounts.list'])
    socket.destroy()
  })

  it('takes a request without input as one with the defaults', async () => {
    const { socket, status, rest } = await upgrade(server)
    expect(status).toBe(101)
    socket.write(textFrame(JSON.stringify({ id: 3, method: 'accounts.list' })))
    socket.write(textFrame('[]'))
    expect(await closeCode(socket, rest)).toBe(1008)
    expect(host.calls).toEqual(['accounts.list'])
    socket.destroy()
  })

  it('checks the Host name on socket upgrades as on pages', async () => {
    const refused = await upgrade(server, { host: 'rebound.example:80' })
    expect(refused.status).toBe(403)
    refused.socket.destroy()
    const wrongPort = await upgrade(server, { host: `127.0.0.1:${server.port + 1}` })
    expect(wrongPort.status).toBe(403)
    wrongPort.socket.destroy()
    const allowed = await upgrade(server, { host: `localhost:${server.port}` })
    expect(allowed.status).toBe(101)
    allowed.socket.destroy()
  })

  it('answers request targets no page sends without falling over', async () => {
    for (const path of ['//', '//x', '///a', '//[']) {
      expect((await uncaught.guard(get(server.port, path))).status).toBe(404)
      const sock = await uncaught.guard(upgrade(server, { path }))
      expect(sock.status).toBe(403)
      sock.socket.destroy()
    }
    expect((await get(server.port, '/')).status).toBe(200)
    expect(uncaught.errors).toEqual([])
  })

  it('never follows a symlink out of the UI folder', async () => {
    writeFileSync(`${dir.path}/secret.txt`, 'outside')
    mkdirSync(`${dir.path}/private`)
    writeFileSync(`${dir.path}/private/key.txt`, 'outside too')
    symlinkSync(`${dir.path}/secret.txt`, `${dir.path}/renderer/secret.txt`)
    symlinkSync(`${dir.path}/private`, `${dir.path}/renderer/assets/private`)
    symlinkSync(`${dir.path}/renderer/assets/app.js`, `${dir.path}/renderer/app-link.js`)
    for (const path of ['/secret.txt', '/assets/private/key.txt']) {
      const res = await get(server.port, path)
      expect(res.status).toBe(404)
      expect(res.body).not.toContain('outside')
    }
    // A link that stays inside the folder is still a file of the UI.
    expect(await get(server.port, '/app-link.js')).toEqual({ status: 200, body: 'export {}' })
    expect((await get(server.port, '/assets')).status).toBe(404)
  })

  it('refuses an upgrade from another origin even with the token', async () => {
    const refused = await upgrade(server, { origin: 'http://evil.example' })
    expect(refused.status).toBe(403)
    refused.socket.destroy()
    expect(origin(server)).toMatch(/^http:\/\/127\.0\.0\.1:/)
  })
})
