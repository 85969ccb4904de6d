import { beforeEach, describe, expect, it, vi } from 'vitest'

const created: Array<{ options: Record<string, unknown>; contents: FakeContents }> = []
const openExternal = vi.fn(async () => {})

class FakeContents {
  handlers = new Map<string, (...args: unknown[]) => void>()
  openHandler: ((d: { url: string }) => { action: string }) | null = null
  permissionHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null
  session = {
    setPermissionRequestHandler: (h: FakeContents['permissionHandler']) =>
      (this.permissionHandler = h)
  }
  on(event: string, h: (...args: unknown[]) => void) {
    this.handlers.set(event, h)
  }
  setWindowOpenHandler(h: FakeContents['openHandler']) {
    this.openHandler = h
  }
}

vi.mock('electron', () => ({
  shell: { openExternal },
  BrowserWindow: class {
    webContents = new FakeContents()
    constructor(options: Record<string, unknown>) {
      created.push({ options, contents: this.webContents })
    }
    once() {}
    loadURL() {
      return Promise.resolve()
    }
  }
}))

const { createMainWindow } = await import('../../src-main/shell/window')
const page = 'file:///app/out/renderer/index.html'

describe('main window', () => {
  beforeEach(() => {
    created.length = 0
    openExternal.mockClear()
    createMainWindow({ preload: '/app/out/preload/index.cjs', rendererUrl: page })
  })

  it('runs the page isolated and sandboxed, without Node', () => {
    expect(created[0]?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs'
    })
  })

  it('blocks navigation away from the app and every new window', () => {
    const contents = created[0]!.contents
    const prevent = vi.fn()
    contents.handlers.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/')
    expect(prevent).toHaveBeenCalled()
    expect(contents.openHandler!({ url: 'https://docs.qbo.io/' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://docs.qbo.io/')
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('denies every permission request', () => {
    const answer = vi.fn()
    created[0]!.contents.permissionHandler!(null, 'media', answer)
    expect(answer).toHaveBeenCalledWith(false)
  })
})
