import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { Sandbox } from '../../src-main/sandbox/index'
import { notificationsUrl, validateResponse } from '../support/cycle-spec'
import { cycleApi as api, sandboxPool } from '../support/sandboxes'

// Every REST answer and every refused socket upgrade below is validated against Cycle's spec.

type ErrorDoc = { error: { status: number; code: string } }

const NOTIFICATIONS = '/v1/hubs/current/notifications'
const pool = sandboxPool({ stepMs: 5 })
afterEach(pool.closeAll)
const { start, listen, track } = pool
const socketUrl = (sandbox: Sandbox, token?: string) => notificationsUrl(sandbox.cycle.url, token)

async function token(sandbox: Sandbox): Promise<string> {
  return (await api(sandbox)<{ data: { token: string } }>('GET', NOTIFICATIONS)).body.data.token
}

/** Opens a socket the server must refuse; resolves with the status and the validated body. */
function refusedUpgrade(url: string): Promise<{ status: number; body: ErrorDoc }> {
  return new Promise((resolve, reject) => {
    const ws = track(new WebSocket(url))
    ws.once('open', () => reject(new Error('upgrade was accepted')))
    // Closing a refused socket reports "closed before established": expected here.
    ws.on('error', () => undefined)
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      res.on('end', () => {
        const body = JSON.parse(text) as ErrorDoc
        const status = res.statusCode ?? 0
        const check = validateResponse('GET', NOTIFICATIONS, status, body)
        if (!check.ok) reject(new Error(check.errors))
        else resolve({ status, body })
        ws.terminate()
      })
    })
  })
}

describe('Cycle emulator: notification socket', () => {
  it('upgrades only with a valid, unexpired token', async () => {
    const sandbox = await start()
    const listener = await listen(sandbox)
    expect(sandbox.cycle.socketCount()).toBe(1)
    const bad = await refusedUpgrade(socketUrl(sandbox, 'forged'))
    expect(bad).toMatchObject({ status: 401, body: { error: { code: '401.auth-invalid' } } })
    const missing = await refusedUpgrade(socketUrl(sandbox))
    expect(missing.status).toBe(401)
    const old = await token(sandbox)
    sandbox.cycle.expireNotificationTokens()
    const expired = await refusedUpgrade(socketUrl(sandbox, old))
    expect(expired).toMatchObject({ status: 401, body: { error: { code: '401.auth-expired' } } })
    // An open socket outlives its token; a fresh token connects again.
    expect(listener.ws.readyState).toBe(WebSocket.OPEN)
    await listen(sandbox)
    expect(sandbox.cycle.socketCount()).toBe(2)
  })

  it('drops sockets and refuses upgrades while paused', async () => {
    const sandbox = await start()
    const { ws } = await listen(sandbox)
    const closed = new Promise((resolve) => ws.once('close', resolve))
    sandbox.cycle.dropSockets()
    await closed
    expect(sandbox.cycle.socketCount()).toBe(0)

    sandbox.cycle.pauseNotifications(true)
    const paused = await refusedUpgrade(socketUrl(sandbox, await token(sandbox)))
    expect(paused).toMatchObject({ status: 503, body: { error: { code: '503.not-ready' } } })
    sandbox.cycle.pauseNotifications(false)
    const back = await listen(sandbox)
    expect(back.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('records the socket upgrade with its token', async () => {
    const sandbox = await start()
    sandbox.cycle.requests.length = 0
    await listen(sandbox)
    const [get, upgrade] = sandbox.cycle.requests
    expect(get).toMatchObject({ method: 'GET', path: NOTIFICATIONS, query: {} })
    expect(upgrade).toMatchObject({
      method: 'GET',
      path: NOTIFICATIONS,
      query: { token: [expect.any(String)] }
    })
    expect(upgrade?.headers.upgrade).toBe('websocket')
  })
})
