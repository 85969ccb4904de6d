import type { BrowserWindow } from 'electron'
import { EVENT_CHANNEL } from './ipc-router'
import type { AgentEvent, ViewTarget } from '@contract'

/**
 * The one main window: created on demand, focused when it exists. Closing it destroys it (a
 * tray-resident Berth then holds no renderer in memory); reopening paints from the cache.
 */
export class WindowKeeper {
  private window: BrowserWindow | null = null

  constructor(private readonly create: () => BrowserWindow) {}

  get isOpen(): boolean {
    return this.window !== null && !this.window.isDestroyed()
  }

  open(target?: ViewTarget): void {
    if (this.window && !this.window.isDestroyed()) {
      if (this.window.isMinimized()) this.window.restore()
      this.window.show()
      this.window.focus()
      if (target) this.send({ type: 'navigate', target })
      return
    }
    const window = this.create()
    this.window = window
    window.on('closed', () => {
      if (this.window === window) this.window = null
    })
    if (target) {
      // The page subscribes to events as it starts: tell it where to go once it has loaded.
      window.webContents.once('did-finish-load', () => this.send({ type: 'navigate', target }))
    }
  }

  send(event: AgentEvent): void {
    if (this.window && !this.window.isDestroyed()) {
      this.window.webContents.send(EVENT_CHANNEL, event)
    }
  }
}
