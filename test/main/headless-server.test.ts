import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { AgentEvent, Result } from '@contract'
import { startHeadlessServer, type HeadlessServer } from '../../src-main/headless/server'
import { tempDir } from '../support/temp-dir'

/** A contract host that records calls and lets the test push events. */
function fakeHost() {
  const listeners = new Set<(e: AgentEvent) => void>()
  const calls: Array<[unknown, unknown]> = []
  return {
    calls,
    push: (e: AgentEvent) => listeners.forEach((l) => l(e)),
    call: async (method: unknown, input: unknown): Promise<Result<unknown>> => {
      calls.push([method, input])
      return { ok: true, value: 'pong' }
    },
    onEvent: (l: (e: AgentEvent) => void) => {
      listeners.add(l)
      return () => listeners.delete(l)
    }
  }
}

function get(
  port: number,
  path: string,
  host = `127.0.0.1:${port}`,
  extra: Record<string, string> = {}
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { host, ...extra } }, (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.end()
    }
  )
}

function connect(url: string, origin: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin })
    ws.on('open', () => resolve(ws))
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
  })
}

describe('headless server', () => {
  let dir: ReturnType<typeof tempDir>
  let server: HeadlessServer
  let host: ReturnType<typeof fakeHost>
  beforeEach(async () => {
    dir = tempDir()
    mkdirSync(`${dir.path}/renderer/assets`, { recursive: true })
    writeFileSync(`${dir.path}/renderer/index.html`, '<!doctype html><title>Berth</title>')
    writeFileSync(`${dir.path}/renderer/assets/app.js`, 'export {}')
    writeFileSync(`${dir.path}/secret.txt`, 'outside')
    host = fakeHost()
    server = await startHeadlessServer({ host, rendererDir: `${dir.path}/renderer` })
  })
  afterEach(async () => {
    await server.close()
    dir.remove()
  })

  it('serves the UI on loopback with a strict CSP, and carries the token in the fragment', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/)
    const page = await get(server.port, '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Berth</title>')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/)
    expect((await get(server.port, '/assets/app.js')).headers['content-type']).toMatch(/javascript/)
  })

  it('never serves a file outside the renderer folder, nor answers another Host name', async () => {
    expect((await get(server.port, '/../secret.txt')).status).toBe(404)
    expect((await get(server.port, '/%2e%2e/secret.txt')).status).toBe(404)
    // An encoded slash survives URL parsing and only becomes `../` when decoded: the real test.
    const sneaky = await get(server.port, '/..%2fsecret.txt')
    expect(sneaky.status).toBe(404)
    expect(sneaky.body).not.toContain('outside')
    expect((await get(server.port, '/', 'evil.example:80')).status).toBe(403)
  })

  it('refuses a socket without the token or from another origin', async () => {
    const base = `ws://127.0.0.1:${server.port}/api`
    const origin = `http://127.0.0.1:${server.port}`
    expect(await connect(`${base}?token=wrong`, origin)).toBe(403)
    expect(await connect(base, origin)).toBe(403)
    expect(await connect(`${base}?token=${server.token}`, 'http://evil.example')).toBe(403)
    expect(host.calls).toHaveLength(0)
  })

  it('tells a page whether its token is still this run’s, without it in the URL', async () => {
    const check = (token?: string) =>
      get(
        server.port,
        '/api/session',
        undefined,
        token === undefined ? {} : { 'x-berth-token': token }
      )
    const good = await check(server.token)
    expect(good.status).toBe(204)
    expect(good.headers['cache-control']).toBe('no-store')
    expect((await check('an-old-token')).status).toBe(403)
    expect((await check()).status).toBe(403)
    // The token in the query is not asked about: only the header counts.
    expect((await get(server.port, `/api/session?token=${server.token}`)).status).toBe(403)
    expect((await get(server.port, '/api/session', 'evil.example:80')).status).toBe(403)
  })

  it('serves the contract and pushes events to an authorised page', async () => {
    const ws = await connect(
      `ws://127.0.0.1:${server.port}/api?token=${server.token}`,
      `http://localhost:${server.port}`
    )
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`)
    const frames: unknown[] = []
    const got = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () =>
          frames.length >= n
            ? resolve()
            : ws.once('message', (d) => (frames.push(JSON.parse(String(d))), check()))
        check()
      })
    ws.send(JSON.stringify({ id: 7, method: 'accounts.list', input: {} }))
    await got(1)
    host.push({ type: 'changed', accountId: 'a', kind: 'nodes' })
    await got(2)
    expect(frames).toEqual([
      { id: 7, result: { ok: true, value: 'pong' } },
      { event: { type: 'changed', accountId: 'a', kind: 'nodes' } }
    ])
    expect(host.calls).toEqual([['accounts.list', {}]])
    const closed = new Promise<number>((r) => ws.on('close', r))
    ws.send('not a frame')
    expect(await closed).toBe(1008)
  })
})
