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

  it('turns off middle-click (auxclick) link activation', () => {
    expect(created[0]?.options.webPreferences).toMatchObject({ disableBlinkFeatures: 'Auxclick' })
  })

  it('hands only parsed http(s) links to the system browser, normalised', () => {
    const open = created[0]!.contents.openHandler!
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(document.cookie)',
      'file:///etc/passwd',
      'FILE://localhost/C:/Windows/System32/calc.exe',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'smb://attacker.example/share',
      'ms-settings:privacy',
      '//evil.example/no-scheme',
      'https//missing-colon.example',
      'not a url'
    ])
      expect(open({ url }), url).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()

    open({ url: 'HTTPS://Docs.QBO.io/a b?q=1' })
    open({ url: 'http://localhost:8080' })
    expect(openExternal.mock.calls).toEqual([
      ['https://docs.qbo.io/a%20b?q=1'],
      ['http://localhost:8080/']
    ])
  })

  it('denies every permission request', () => {
    const answer = vi.fn()
    created[0]!.contents.permissionHandler!(null, 'media', answer)
    expect(answer).toHaveBeenCalledWith(false)
  })
})
