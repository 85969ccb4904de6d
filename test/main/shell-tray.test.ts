import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AccountView } from '@contract'
import type { TrayCommand, TrayInput } from '../../src-main/shell/tray-model'

/** Electron's tray, menu and images, reduced to what the controller is seen to do with them. */
const electron = vi.hoisted(() => {
  class FakeTray {
    static last: FakeTray
    image: unknown
    tooltip = ''
    menu: { template: unknown[] } | null = null
    destroyed = false
    handlers = new Map<string, () => void>()
    setImages: unknown[] = []
    constructor(image: unknown) {
      this.image = image
      FakeTray.last = this
    }
    setImage(image: unknown) {
      this.image = image
      this.setImages.push(image)
    }
    setToolTip(text: string) {
      this.tooltip = text
    }
    setContextMenu(menu: { template: unknown[] }) {
      this.menu = menu
    }
    on(event: string, handler: () => void) {
      this.handlers.set(event, handler)
    }
    destroy() {
      this.destroyed = true
    }
  }
  return {
    FakeTray,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) }
  }
})
vi.mock('electron', () => electron)

const { TrayController } = await import('../../src-main/shell/tray')

interface Item {
  label?: string
  type?: string
  checked?: boolean
  enabled?: boolean
  click?: () => void
}

const online: AccountView = {
  id: 'qbo:A',
  kind: 'qbo',
  name: 'A',
  endpoint: 'ws://127.0.0.1:1',
  status: { state: 'online', since: 1 },
  lastSyncAt: 1,
  syncError: null
}

describe('tray controller', () => {
  let snapshot: TrayInput
  let commands: TrayCommand[]
  let opened: number
  let controller: InstanceType<typeof TrayController>
  const tray = () => electron.FakeTray.last
  const items = () => (tray().menu?.template ?? []) as Item[]
  const item = (label: string) => items().find((i) => i.label === label)

  beforeEach(() => {
    vi.useFakeTimers()
    snapshot = { accounts: [online], activeJobs: [], unreadFailures: 0, notificationsPaused: false }
    commands = []
    opened = 0
    controller = new TrayController(
      (state) => `/icons/${state}.png`,
      { snapshot: () => snapshot, run: (c) => commands.push(c) },
      () => opened++
    )
  })
  afterEach(() => {
    controller.destroy()
    vi.useRealTimers()
  })

  it('starts with the icon, tooltip and menu of the current state', () => {
    expect(tray().image).toEqual({ path: '/icons/online.png' })
    expect(tray().tooltip).toBe('Berth\nAccounts: 1 online')
    expect(items().map((i) => i.label ?? i.type)).toEqual([
      'Open Berth',
      'separator',
      'Accounts',
      'A — online',
      'separator',
      'Refresh all',
      'Pause notifications',
      'separator',
      'Quit Berth'
    ])
    expect(item('Accounts')).toMatchObject({ enabled: false })
  })

  it('changes its face when the state changes, once per settled burst of events', () => {
    snapshot = {
      ...snapshot,
      accounts: [{ ...online, status: { state: 'offline', since: 2, reason: 'x', retryAt: null } }]
    }
    for (let i = 0; i < 20; i++) controller.changed()
    expect(tray().image).toEqual({ path: '/icons/online.png' })
    vi.advanceTimersByTime(250)
    expect(tray().setImages).toEqual([
      { path: '/icons/online.png' },
      { path: '/icons/offline.png' }
    ])
    snapshot = { ...snapshot, unreadFailures: 1 }
    controller.changed()
    vi.advanceTimersByTime(250)
    expect(tray().image).toEqual({ path: '/icons/attention.png' })
    // Same state again: the image is not set again.
    controller.changed()
    vi.advanceTimersByTime(250)
    expect(tray().setImages).toHaveLength(3)
  })

  it('runs the command of the item clicked, and opens the window on a tray click', () => {
    item('Refresh all')!.click!()
    item('Pause notifications')!.click!()
    item('A — online')!.click!()
    item('Quit Berth')!.click!()
    expect(commands).toEqual([
      { do: 'refresh-all' },
      { do: 'toggle-pause' },
      { do: 'open', target: { view: 'accounts', accountId: 'qbo:A' } },
      { do: 'quit' }
    ])
    tray().handlers.get('click')!()
    expect(opened).toBe(1)
  })

  it('shows pause as checked once paused', () => {
    snapshot = { ...snapshot, notificationsPaused: true }
    controller.update()
    expect(item('Pause notifications')).toMatchObject({ type: 'checkbox', checked: true })
    expect(tray().tooltip).toContain('Notifications paused')
  })
})
