import {
  Menu,
  nativeImage,
  Tray,
  type MenuItemConstructorOptions,
  type NativeImage
} from 'electron'
import {
  trayMenu,
  trayState,
  trayTooltip,
  type TrayCommand,
  type TrayEntry,
  type TrayInput,
  type TrayState
} from './tray-model'

export interface TrayHost {
  snapshot(): TrayInput
  run(command: TrayCommand): void
}

export function menuTemplate(
  entries: readonly TrayEntry[],
  run: (command: TrayCommand) => void
): MenuItemConstructorOptions[] {
  return entries.map((entry): MenuItemConstructorOptions => {
    switch (entry.type) {
      case 'separator':
        return { type: 'separator' }
      case 'header':
        return { label: entry.label, enabled: false }
      case 'checkbox':
        return {
          type: 'checkbox',
          label: entry.label,
          checked: entry.checked,
          click: () => run(entry.command)
        }
      case 'item':
        return {
          label: entry.label,
          enabled: entry.enabled ?? true,
          click: () => run(entry.command)
        }
    }
  })
}

/** Menus are rebuilt at most this often, however fast job progress arrives. */
const SETTLE_MS = 250

/**
 * The tray icon: its face follows the overall state, its tooltip summarises, its menu lists
 * accounts and running jobs. `changed()` may be called on every agent event.
 */
export class TrayController {
  private readonly tray: Tray
  private readonly images: Record<TrayState, NativeImage>
  private state: TrayState | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(
    iconFile: (state: TrayState) => string,
    private readonly host: TrayHost,
    onClick: () => void
  ) {
    const load = (state: TrayState) => nativeImage.createFromPath(iconFile(state))
    this.images = {
      online: load('online'),
      syncing: load('syncing'),
      offline: load('offline'),
      attention: load('attention')
    }
    this.tray = new Tray(this.images.online)
    // Linux and Windows open the window on a click; macOS shows the menu, as is its custom.
    this.tray.on('click', onClick)
    this.update()
  }

  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null
      this.update()
    }, SETTLE_MS)
  }

  update(): void {
    const input = this.host.snapshot()
    const state = trayState(input)
    if (state !== this.state) {
      this.tray.setImage(this.images[state])
      this.state = state
    }
    this.tray.setToolTip(trayTooltip(input))
    const run = (command: TrayCommand): void => this.host.run(command)
    this.tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(trayMenu(input), run)))
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer)
    this.tray.destroy()
  }
}
