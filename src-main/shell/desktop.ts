import { app, ipcMain, nativeTheme, powerMonitor } from 'electron'
import type { Log } from '../agent/log'
import type { Agent } from '../agent/service'
import { registerIpc, trustedRendererCheck } from './ipc-router'
import { Notifier } from './notifier'
import { TrayController } from './tray'
import type { TrayCommand, TrayInput, TrayState } from './tray-model'
import { createMainWindow } from './window'
import { WindowKeeper } from './window-keeper'

export interface DesktopOptions {
  agent: Agent
  rendererUrl: string
  preload: string
  trayIcon: (state: TrayState) => string
  log: Log
}

function trayInput(agent: Agent): TrayInput {
  return {
    accounts: [...agent.live.values()].map((a) => agent.view(a)),
    activeJobs: agent.jobStore.active(),
    unreadFailures: agent.notifications.unreadFailures(),
    notificationsPaused: agent.settings.get().notifications.paused,
    favourites: agent.settings.get().favourites
  }
}

/**
 * Wires a running agent to Electron: IPC, the window, the tray, native notifications, the theme
 * and the app's life cycle. Returns what `will-quit` must take down.
 */
export function wireDesktop(options: DesktopOptions): { windows: WindowKeeper; close(): void } {
  const { agent, log } = options
  const disposeIpc = registerIpc(ipcMain, agent, trustedRendererCheck(options.rendererUrl), log)
  const windows = new WindowKeeper(() =>
    createMainWindow({ preload: options.preload, rendererUrl: options.rendererUrl })
  )
  const notifier = new Notifier({
    opened: (entry) => {
      agent.notifications.markRead([entry.id])
      agent.notificationsChanged()
      windows.open(entry.target)
    }
  })
  let quitting = false
  const run = (command: TrayCommand): void => {
    switch (command.do) {
      case 'open':
        return windows.open(command.target)
      case 'reconnect':
        void agent.call('accounts.reconnect', { accountId: command.accountId })
        return
      case 'refresh-all':
        void agent.refresh()
        return
      case 'toggle-pause': {
        const { paused } = agent.settings.get().notifications
        agent.updateSettings({ notifications: { paused: !paused } })
        return
      }
      case 'quit':
        quitting = true
        app.quit()
    }
  }
  const tray = new TrayController(options.trayIcon, { snapshot: () => trayInput(agent), run }, () =>
    windows.open()
  )

  nativeTheme.themeSource = agent.settings.get().theme
  const unsubscribe = agent.onEvent((event) => {
    windows.send(event)
    if (event.type === 'notification' && event.toast) notifier.show(event.notification)
    if (event.type === 'settings') nativeTheme.themeSource = event.settings.theme
    if (event.type !== 'changed' && event.type !== 'job-log') tray.changed()
  })
  powerMonitor.on('resume', () => agent.reconnectAll())
  app.on('second-instance', () => windows.open())
  app.on('activate', () => windows.open())
  // Closing the window leaves Berth in the tray unless the user chose otherwise.
  app.on('window-all-closed', () => {
    if (quitting || !agent.settings.get().closeToTray) app.quit()
  })
  app.on('before-quit', () => (quitting = true))
  windows.open()
  return {
    windows,
    close() {
      unsubscribe()
      disposeIpc()
      tray.destroy()
    }
  }
}
