import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Agent } from '../../src-main/agent/service'
import { startSandbox, type Sandbox } from '../../src-main/sandbox'
import { makeAgent, openStores, sandboxAccount } from '../support/agent'
import { FAST, runJob, startOnline } from '../support/calls'
import { tempDir } from '../support/temp-dir'
import { nextEvent } from '../support/wait'

/** Just enough Electron for the shell to wire itself; each fake records what was asked of it. */
const electron = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown
  const appHandlers = new Map<string, Handler>()
  const state = {
    quits: 0,
    windows: [] as Array<{ sent: unknown[] }>,
    toasts: [] as Array<{ title: string; body: string }>,
    tray: null as null | { menu: Array<{ label?: string; click?: () => void }> }
  }
  class Emitter {
    handlers = new Map<string, Handler>()
    on(event: string, handler: Handler) {
      this.handlers.set(event, handler)
      return this
    }
    once(event: string, handler: Handler) {
      return this.on(event, handler)
    }
  }
  class BrowserWindow extends Emitter {
    sent: unknown[] = []
    webContents = Object.assign(new Emitter(), {
      send: (_c: string, e: unknown) => this.sent.push(e),
      setWindowOpenHandler() {},
      session: { setPermissionRequestHandler() {} }
    })
    constructor() {
      super()
      state.windows.push(this)
    }
    isDestroyed = () => false
    isMinimized = () => false
    show() {}
    focus() {}
    loadURL = () => Promise.resolve()
  }
  class Tray extends Emitter {
    menu: unknown[] = []
    constructor() {
      super()
      state.tray = this as never
    }
    setImage() {}
    setToolTip() {}
    setContextMenu(menu: { template: unknown[] }) {
      this.menu = menu.template
    }
    destroy() {}
  }
  class Notification extends Emitter {
    static isSupported = () => true
    constructor(readonly options: { title: string; body: string }) {
      super()
    }
    show() {
      state.toasts.push(this.options)
    }
  }
  return {
    state,
    appHandlers,
    app: {
      on: (event: string, handler: Handler) => appHandlers.set(event, handler),
      quit: () => state.quits++
    },
    ipcMain: { handle() {}, removeHandler() {} },
    nativeTheme: { themeSource: 'system' },
    powerMonitor: { on() {} },
    shell: { openExternal() {} },
    BrowserWindow,
    Tray,
    Notification,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) }
  }
})
vi.mock('electron', () => electron)

const { wireDesktop } = await import('../../src-main/shell/desktop')

describe('desktop shell', () => {
  let dir: ReturnType<typeof tempDir>
  let stores: ReturnType<typeof openStores>
  let agent: Agent
  let sandbox: Sandbox
  let desktop: ReturnType<typeof wireDesktop>
  const item = (label: string) => electron.state.tray!.menu.find((i) => i.label === label)!

  beforeEach(async () => {
    electron.appHandlers.clear()
    Object.assign(electron.state, { quits: 0, windows: [], toasts: [] })
    dir = tempDir()
    sandbox = await startSandbox({ stepMs: 5 })
    stores = openStores(dir.path)
    agent = await startOnline(
      makeAgent(stores, dir.path, [sandboxAccount(sandbox, 'Lab')], {
        ...FAST,
        notify: { windowMs: 10 }
      })
    )
    desktop = wireDesktop({
      agent,
      rendererUrl: 'file:///app/out/renderer/index.html',
      preload: '/app/out/preload/index.cjs',
      trayIcon: (s) => `/icons/${s}.png`,
      log: { info() {}, warn() {}, error() {} }
    })
  })
  afterEach(async () => {
    vi.useRealTimers()
    desktop.close()
    agent.stop()
    stores.close()
    await sandbox.close()
    dir.remove()
  })

  it('keeps running in the tray when the window closes, unless the user turned that off', () => {
    expect(electron.state.windows).toHaveLength(1)
    electron.appHandlers.get('window-all-closed')!()
    expect(electron.state.quits).toBe(0)
    agent.updateSettings({ closeToTray: false })
    electron.appHandlers.get('window-all-closed')!()
    expect(electron.state.quits).toBe(1)
  })

  it('pauses notifications from the tray, which the settings then show', () => {
    vi.useFakeTimers()
    item('Pause notifications').click!()
    expect(agent.settings.get().notifications.paused).toBe(true)
    vi.advanceTimersByTime(250)
    expect(item('Pause notifications')).toMatchObject({ checked: true })
    // Every window hears it, so an open settings page follows.
    expect(electron.state.windows[0]!.sent).toContainEqual({
      type: 'settings',
      settings: expect.objectContaining({
        notifications: expect.objectContaining({ paused: true })
      })
    })
  })

  it('shows a native toast only for kinds the user wants, and follows the theme setting', async () => {
    const failed = (name: string) => {
      sandbox.qbo.failNext('add', 'no capacity left')
      const told = nextEvent(
        agent,
        (e) => e.type === 'notification' && e.notification.kind === 'job'
      )
      return runJob(agent, 'clusters.add', { accountId: 'qbo:Lab', name }).then(() => told)
    }
    await failed('dev')
    expect(electron.state.toasts).toEqual([
      expect.objectContaining({
        title: 'Failed: Create cluster dev (Lab)',
        body: 'no capacity left'
      })
    ])
    agent.updateSettings({ notifications: { kinds: { job: false } } })
    await failed('ci')
    expect(electron.state.toasts).toHaveLength(1)
    expect(agent.notifications.list(10).items.map((n) => n.title)).toEqual([
      'Failed: Create cluster ci (Lab)',
      'Failed: Create cluster dev (Lab)'
    ])

    agent.updateSettings({ theme: 'dark' })
    expect(electron.nativeTheme.themeSource).toBe('dark')
  })
})
