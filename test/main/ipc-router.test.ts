import { describe, expect, it, vi } from 'vitest'
import type { AgentEvent } from '@contract'
import { methods } from '@contract'
import { dispatch, type Handlers } from '../../src-main/agent/dispatch'

vi.mock('electron', () => ({}))

const { registerIpc, trustedRendererCheck, INVOKE_CHANNEL } =
  await import('../../src-main/shell/ipc-router')

type Handler = (
  event: { senderFrame: unknown },
  method: unknown,
  input: unknown
) => Promise<unknown>

function fakeIpcMain() {
  const handlers = new Map<string, Handler>()
  return {
    handlers,
    handle: (channel: string, h: Handler) => handlers.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel)
  }
}

const page = 'file:///opt/Berth/resources/app.asar/out/renderer/index.html'
const frame = (url: string, parent: unknown = null) => ({ url, parent })

const handlers = {
  'accounts.list': () => ({ ok: true, value: [] })
} as unknown as Handlers
const host = {
  call: (m: unknown, i: unknown) => dispatch(handlers, m, i),
  onEvent: (_l: (e: AgentEvent) => void) => () => {}
}

describe('IPC router', () => {
  const ipc = fakeIpcMain()
  registerIpc(ipc as never, host, trustedRendererCheck(page))
  const invoke = ipc.handlers.get(INVOKE_CHANNEL)!

  it('serves the contract to the app’s own top-level page', async () => {
    expect(await invoke({ senderFrame: frame(page) }, 'accounts.list', {})).toEqual({
      ok: true,
      value: []
    })
  })

  it.each([
    ['another file', frame('file:///tmp/evil.html')],
    ['a web page', frame('https://evil.example/')],
    ['a subframe of our page', frame(page, frame(page))],
    ['a destroyed frame', null]
  ])('refuses %s', async (_label, senderFrame) => {
    expect(await invoke({ senderFrame }, 'accounts.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
  })

  it('rejects a payload that fails its schema, and an unknown channel method', async () => {
    expect(
      await invoke({ senderFrame: frame(page) }, 'nodes.list', { limit: 'all' })
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' }
    })
    expect(await invoke({ senderFrame: frame(page) }, 'shell.exec', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' }
    })
  })

  it('accepts the dev server by origin only', () => {
    const check = trustedRendererCheck('http://localhost:5173/')
    expect(check(frame('http://localhost:5173/index.html') as never)).toBe(true)
    expect(check(frame('http://localhost:5174/') as never)).toBe(false)
  })
})

describe('every IPC method', () => {
  const ran: string[] = []
  // Any handler that runs is a failure of the boundary: record it.
  const recording = new Proxy({} as Handlers, {
    get: (_target, method: string) => () => {
      ran.push(method)
      return { ok: true, value: null }
    }
  })
  const ipc = fakeIpcMain()
  registerIpc(
    ipc as never,
    { call: (m, i) => dispatch(recording, m, i), onEvent: () => () => {} },
    trustedRendererCheck(page)
  )
  const invoke = ipc.handlers.get(INVOKE_CHANNEL)!
  const names = Object.keys(methods)

  it.each(names)('%s refuses a payload that fails its schema', async (method) => {
    for (const payload of [42, 'x', [], { unexpected: { deeply: true } }]) {
      expect(await invoke({ senderFrame: frame(page) }, method, payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' }
      })
    }
    expect(ran).toEqual([])
  })

  it.each(names)('%s refuses a sender that is not the app’s own frame', async (method) => {
    for (const senderFrame of [frame('https://evil.example/'), frame(page, frame(page)), null]) {
      expect(await invoke({ senderFrame }, method, {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' }
      })
    }
    expect(ran).toEqual([])
  })
})
