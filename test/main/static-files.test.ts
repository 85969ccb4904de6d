import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { serveStatic } from '../../src-main/headless/static-files'
import { tempDir } from '../support/temp-dir'

function get(port: number, path: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path }, (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.end()
    }
  )
}

describe('the built UI as the headless server serves it', () => {
  let dir: ReturnType<typeof tempDir>
  let root: string
  let server: Server
  let port: number
  beforeEach(async () => {
    dir = tempDir()
    root = `${dir.path}/renderer`
    mkdirSync(`${root}/assets`, { recursive: true })
    writeFileSync(`${root}/index.html`, '<!doctype html><title>one</title>')
    writeFileSync(`${root}/assets/mount-app-B0UaqBOh.js`, 'export const build = 1')
    writeFileSync(`${root}/assets/plain.js`, 'export const plain = 1')
    server = createServer((req, res) => void serveStatic(root, req.url ?? '/', res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve))
    dir.remove()
  })

  // A content-named file never holds other bytes: a reload need not ask again, and the server
  // reads it from disk once.
  it('lets the browser keep content-named assets for good, and reads them once', async () => {
    const first = await get(port, '/assets/mount-app-B0UaqBOh.js')
    expect(first.status).toBe(200)
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(first.headers['content-type']).toMatch(/javascript/)
    expect(first.headers['content-security-policy']).toMatch(/script-src 'self'/)

    rmSync(`${root}/assets/mount-app-B0UaqBOh.js`)
    const again = await get(port, '/assets/mount-app-B0UaqBOh.js')
    expect(again.status).toBe(200)
    expect(again.body).toBe('export const build = 1')
  })

  it('reads the page and files without a content name from disk each time', async () => {
    const page = await get(port, '/')
    expect(page.headers['cache-control']).toBe('no-store')
    writeFileSync(`${root}/index.html`, '<!doctype html><title>two</title>')
    expect((await get(port, '/')).body).toContain('two')

    expect((await get(port, '/assets/plain.js')).headers['cache-control']).toBe('max-age=3600')
    rmSync(`${root}/assets/plain.js`)
    expect((await get(port, '/assets/plain.js')).status).toBe(404)
  })

  it('keeps nothing it refused: a content-named link out of the folder stays a 404', async () => {
    writeFileSync(`${dir.path}/secret-AAAAAAAA.js`, 'secret')
    symlinkSync(`${dir.path}/secret-AAAAAAAA.js`, `${root}/assets/secret-AAAAAAAA.js`)
    expect((await get(port, '/assets/secret-AAAAAAAA.js')).status).toBe(404)
    expect((await get(port, '/assets/secret-AAAAAAAA.js')).status).toBe(404)
    expect((await get(port, '/assets/missing-BBBBBBBB.js')).status).toBe(404)
  })
})
