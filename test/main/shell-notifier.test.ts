import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { NotificationView } from '@contract'

const electron = vi.hoisted(() => {
  class FakeNotification {
    static supported = true
    static shown: FakeNotification[] = []
    static isSupported() {
      return FakeNotification.supported
    }
    handlers = new Map<string, () => void>()
    constructor(readonly options: { title: string; body: string; silent: boolean }) {}
    on(event: string, handler: () => void) {
      this.handlers.set(event, handler)
    }
    show() {
      FakeNotification.shown.push(this)
    }
  }
  class FakeWindow {
    static created: FakeWindow[] = []
    destroyed = false
    minimized = false
    calls: string[] = []
    sent: unknown[] = []
    handlers = new Map<string, () => void>()
    loadHandlers = new Map<string, () => void>()
    webContents = {
      send: (_channel: string, event: unknown) => this.sent.push(event),
      once: (event: string, handler: () => void) => this.loadHandlers.set(event, handler)
    }
    constructor() {
      FakeWindow.created.push(this)
    }
    isDestroyed() {
      return this.destroyed
    }
    isMinimized() {
      return this.minimized
    }
    restore() {
      this.calls.push('restore')
    }
    show() {
      this.calls.push('show')
    }
    focus() {
      this.calls.push('focus')
    }
    on(event: string, handler: () => void) {
      this.handlers.set(event, handler)
    }
  }
  return { FakeNotification, Notification: FakeNotification, FakeWindow }
})
vi.mock('electron', () => electron)

const { Notifier } = await import('../../src-main/shell/notifier')
const { WindowKeeper } = await import('../../src-main/shell/window-keeper')

const entry: NotificationView = {
  id: 7,
  at: 1,
  kind: 'job',
  level: 'error',
  title: 'Failed: Create cluster dev',
  body: 'no capacity',
  count: 1,
  target: { view: 'jobs', jobId: 'j1' },
  read: false
}

describe('notifier', () => {
  beforeEach(() => {
    electron.FakeNotification.shown = []
    electron.FakeNotification.supported = true
  })

  it('shows a native toast whose click opens what it is about', () => {
    const opened: NotificationView[] = []
    new Notifier({ opened: (e) => opened.push(e) }).show(entry)
    const [toast] = electron.FakeNotification.shown
    expect(toast!.options).toMatchObject({ title: entry.title, body: 'no capacity', silent: false })
    toast!.handlers.get('click')!()
    expect(opened).toEqual([entry])
  })

  it('keeps quiet toasts for good news and shows nothing where the desktop has no notifications', () => {
    const notifier = new Notifier({ opened: () => {} })
    notifier.show({ ...entry, level: 'success' })
    expect(electron.FakeNotification.shown[0]!.options.silent).toBe(true)
    electron.FakeNotification.supported = false
    notifier.show(entry)
    expect(electron.FakeNotification.shown).toHaveLength(1)
  })
})

describe('window keeper', () => {
  type Fake = InstanceType<typeof electron.FakeWindow>
  const keeper = () => new WindowKeeper(() => new electron.FakeWindow() as never)

  it('creates one window, then focuses it; a target is sent once the page has loaded', () => {
    electron.FakeWindow.created = []
    const windows = keeper()
    windows.open({ view: 'jobs', jobId: 'j1' })
    windows.open()
    expect(electron.FakeWindow.created).toHaveLength(1)
    const window = electron.FakeWindow.created[0] as Fake
    expect(window.calls).toEqual(['show', 'focus'])
    expect(window.sent).toEqual([])
    window.loadHandlers.get('did-finish-load')!()
    expect(window.sent).toEqual([{ type: 'navigate', target: { view: 'jobs', jobId: 'j1' } }])
    window.minimized = true
    windows.open({ view: 'settings' })
    expect(window.calls.slice(-3)).toEqual(['restore', 'show', 'focus'])
    expect(window.sent.at(-1)).toEqual({ type: 'navigate', target: { view: 'settings' } })
  })

  it('forgets a closed window and makes a new one next time', () => {
    electron.FakeWindow.created = []
    const windows = keeper()
    windows.open()
    const first = electron.FakeWindow.created[0] as Fake
    first.destroyed = true
    first.handlers.get('closed')!()
    expect(windows.isOpen).toBe(false)
    windows.send({ type: 'accounts' })
    expect(first.sent).toEqual([])
    windows.open()
    expect(electron.FakeWindow.created).toHaveLength(2)
  })
})
