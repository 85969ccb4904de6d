import { once } from 'node:events'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { connect as tcpConnect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CompactEncrypt, exportJWK, generateKeyPair, importJWK } from 'jose'
import { WebSocket } from 'ws'
import { startSandbox } from '../../src-main/sandbox/index'
import type { Sandbox } from '../../src-main/sandbox/index'
import { loadOrCreateKeyFile } from '../../src-main/sandbox/key-file'
import { sandboxPool } from '../support/sandboxes'
import { tempDir } from '../support/temp-dir'

interface PublicJwk {
  crv: string
  kty: string
  x: string
  y: string
}

const pool = sandboxPool()
const { start, track } = pool
let dir: ReturnType<typeof tempDir>

beforeEach(() => {
  dir = tempDir()
})

afterEach(async () => {
  await pool.closeAll()
  dir.remove()
})

/** What the qbo CLI sends as qbo_uid for a service account: the aux, encrypted to its key. */
async function serviceAccountUid(
  publicJwk: PublicJwk,
  aux: string,
  enc = 'A256CBC-HS512'
): Promise<string> {
  const key = await importJWK({ ...publicJwk }, 'ECDH-ES')
  return new CompactEncrypt(new TextEncoder().encode(aux))
    .setProtectedHeader({ alg: 'ECDH-ES', enc })
    .encrypt(key)
}

/** Resolves with the outcome of an upgrade carrying this cookie header. */
function attempt(sandbox: Sandbox, cookie: string) {
  const ws = track(
    new WebSocket(sandbox.connection().qbo.url, 'qbo', { headers: { Cookie: cookie } })
  )
  return new Promise<{ status: number; body: string; ws?: WebSocket }>((resolve, reject) => {
    ws.on('open', () => resolve({ status: 101, body: '', ws }))
    ws.on('error', reject)
    ws.on('unexpected-response', (_req, res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
  })
}

async function expectRefused(sandbox: Sandbox, cookie: string): Promise<void> {
  const result = await attempt(sandbox, cookie)
  expect(result.status, cookie.slice(0, 80)).toBe(401)
  expect(JSON.parse(result.body)).toEqual({ error: 'authentication failed' })
}

async function expectVersion(ws: WebSocket | undefined): Promise<void> {
  if (ws === undefined) throw new Error('not connected')
  const reply = once(ws, 'message')
  ws.send(JSON.stringify({ cmd: 'version', uuid: 'sa' }))
  const [data] = (await reply) as [Buffer]
  expect(JSON.parse(data.toString('utf8'))).toMatchObject({ code: 200, command: 'CMD_VERSION' })
}

describe('service-account authentication', () => {
  it('publishes the account exactly as ~/.qbo/cli.json holds it, public key only', async () => {
    const sandbox = await start()
    const { serviceAccount } = sandbox.connection().qbo
    expect(serviceAccount).toEqual({
      qbo_uid: {
        crv: 'P-521',
        kty: 'EC',
        x: expect.stringMatching(/^[A-Za-z0-9_-]{80,}$/),
        y: expect.stringMatching(/^[A-Za-z0-9_-]{80,}$/)
      },
      qbo_aux: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-/),
      qbo_host: '127.0.0.1',
      qbo_port: sandbox.port,
      qbo_user: 'sandbox@berth.local'
    })
    expect(Object.keys(serviceAccount.qbo_uid).sort()).toEqual(['crv', 'kty', 'x', 'y'])
    // One JSON line, as --json prints it.
    expect(JSON.stringify(sandbox.connection())).not.toContain('\n')
  })

  it('accepts the aux encrypted to its key, with the matching qbo_aux cookie', async () => {
    const sandbox = await start()
    const { qbo_uid: publicJwk, qbo_aux: aux } = sandbox.connection().qbo.serviceAccount
    const uid = await serviceAccountUid(publicJwk, aux)
    expect(uid.split('.')).toHaveLength(5)
    const result = await attempt(sandbox, `qbo_uid=${uid}; qbo_aux=${aux}`)
    expect(result.status).toBe(101)
    await expectVersion(result.ws)
    expect(sandbox.qbo.clientCount()).toBe(1)
    // The temporary token keeps working alongside.
    const byToken = await attempt(sandbox, `qbo_uid=${sandbox.qbo.token}; qbo_aux=`)
    expect(byToken.status).toBe(101)
  })

  it('refuses a foreign key, a wrong aux, a wrong algorithm and garbage', async () => {
    const sandbox = await start()
    const { qbo_uid: publicJwk, qbo_aux: aux } = sandbox.connection().qbo.serviceAccount
    const other = await generateKeyPair('ECDH-ES', { crv: 'P-521', extractable: true })
    const foreign = (await exportJWK(other.publicKey)) as PublicJwk
    const right = await serviceAccountUid(publicJwk, aux)

    await expectRefused(sandbox, `qbo_uid=${await serviceAccountUid(foreign, aux)}; qbo_aux=${aux}`)
    const wrongAux = await serviceAccountUid(publicJwk, 'f0f0f0f0-0000-4000-8000-000000000000')
    await expectRefused(sandbox, `qbo_uid=${wrongAux}; qbo_aux=${aux}`)
    await expectRefused(sandbox, `qbo_uid=${right}; qbo_aux=not-the-aux`)
    await expectRefused(sandbox, `qbo_uid=${right}`)
    const gcm = await serviceAccountUid(publicJwk, aux, 'A256GCM')
    await expectRefused(sandbox, `qbo_uid=${gcm}; qbo_aux=${aux}`)
    const [header, , iv, ciphertext, tag] = right.split('.')
    const tampered = [header, '', iv, `${ciphertext?.slice(0, -2)}AA`, tag].join('.')
    await expectRefused(sandbox, `qbo_uid=${tampered}; qbo_aux=${aux}`)
    for (const garbage of [
      'a.b.c.d.e',
      '....',
      '%%%',
      `${'x'.repeat(9000)}.a.b.c.d`,
      'ä.ö.ü.ß.€'
    ]) {
      await expectRefused(sandbox, `qbo_uid=${encodeURIComponent(garbage)}; qbo_aux=${aux}`)
    }
    expect(sandbox.qbo.clientCount()).toBe(0)

    // Still serving after all that.
    const ok = await attempt(sandbox, `qbo_uid=${right}; qbo_aux=${aux}`)
    expect(ok.status).toBe(101)
  })

  it('survives a client that vanishes while its credentials are checked', async () => {
    const sandbox = await start()
    const { qbo_uid: publicJwk, qbo_aux: aux } = sandbox.connection().qbo.serviceAccount
    const uid = await serviceAccountUid(publicJwk, aux)
    const socket = tcpConnect(sandbox.port, '127.0.0.1')
    await once(socket, 'connect')
    socket.end(
      [
        'GET / HTTP/1.1',
        `Host: 127.0.0.1:${sandbox.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        `Cookie: qbo_uid=${uid}; qbo_aux=${aux}`,
        '',
        ''
      ].join('\r\n')
    )
    socket.destroy()
    const result = await attempt(sandbox, `qbo_uid=${uid}; qbo_aux=${aux}`)
    expect(result.status).toBe(101)
    await expectVersion(result.ws)
  })

  it('validates handed-in key material', async () => {
    const account = await loadOrCreateKeyFile(`${dir.path}/k.json`)
    await expect(startSandbox({ serviceAccountKey: account.privateJwk })).rejects.toThrow(
      /together/
    )
    await expect(
      startSandbox({ serviceAccountKey: { kty: 'EC', crv: 'P-256' }, serviceAccountAux: 'a' })
    ).rejects.toThrow(/P-521/)
    await expect(
      startSandbox({ serviceAccountKey: account.privateJwk, serviceAccountAux: 'has space' })
    ).rejects.toThrow(/aux/)
  })
})

describe('key file', () => {
  it('is created once with mode 0600 and reused, so a restarted sandbox accepts the account', async () => {
    const path = `${dir.path}/sandbox-key.json`
    const created = await loadOrCreateKeyFile(path)
    expect(created.created).toBe(true)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    const stored = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    expect(Object.keys(stored).sort()).toEqual(['aux', 'privateJwk'])

    const first = await start({
      serviceAccountKey: created.privateJwk,
      serviceAccountAux: created.aux
    })
    const account = first.connection().qbo.serviceAccount
    const uid = await serviceAccountUid(account.qbo_uid, account.qbo_aux)
    expect((await attempt(first, `qbo_uid=${uid}; qbo_aux=${account.qbo_aux}`)).status).toBe(101)
    await first.close()

    const reused = await loadOrCreateKeyFile(path)
    expect(reused).toEqual({ ...created, created: false })
    const second = await start({
      port: first.port,
      serviceAccountKey: reused.privateJwk,
      serviceAccountAux: reused.aux
    })
    expect(second.connection().qbo.serviceAccount).toEqual(account)
    // The very same qbo_uid a client saved before the restart still gets in.
    const again = await attempt(second, `qbo_uid=${uid}; qbo_aux=${account.qbo_aux}`)
    expect(again.status).toBe(101)
    await expectVersion(again.ws)
  })

  it('reports an unusable key file instead of replacing it', async () => {
    const path = `${dir.path}/bad.json`
    await writeFile(path, 'not json')
    await expect(loadOrCreateKeyFile(path)).rejects.toThrow(/not JSON/)
    await writeFile(path, JSON.stringify({ privateJwk: { kty: 'RSA' }, aux: 'x' }))
    await expect(loadOrCreateKeyFile(path)).rejects.toThrow(/P-521/)
    await writeFile(path, JSON.stringify({ aux: 1 }))
    await expect(loadOrCreateKeyFile(path)).rejects.toThrow(/privateJwk/)
    expect(await readFile(path, 'utf8')).toBe('{"aux":1}')
  })
})
