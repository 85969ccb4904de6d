import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, ipcMain, powerMonitor } from 'electron'
import { bootAgent, type Booted } from './agent/bootstrap'
import { keyFileVault } from './headless/key-file-vault'
import { EVENT_CHANNEL, registerIpc, trustedRendererCheck } from './shell/ipc-router'
import { safeStorageIsStrong, safeStorageVault } from './shell/safe-storage-vault'
import { createMainWindow } from './shell/window'

/** The Electron shell: wires the plain-Node agent to a window and IPC, nothing more. */
const configFile = process.argv.find((a) => a.startsWith('--config='))?.slice('--config='.length)

function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL
  return dev ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData')
  // Without a real keyring, safeStorage's Linux fallback is a fixed key: the 0600 key file is
  // no weaker, and honest about it.
  if (!safeStorageIsStrong()) {
    console.warn('No OS keyring is available: account secrets are sealed with a key file instead')
  }
  const booted: Booted = await bootAgent({
    dataDir,
    vault: safeStorageIsStrong() ? safeStorageVault() : keyFileVault(join(dataDir, 'vault.key')),
    configFile,
    nativeBinding: process.env.BERTH_SQLITE_BINDING
  })
  const url = rendererUrl()
  registerIpc(ipcMain, booted.agent, trustedRendererCheck(url))

  let window: BrowserWindow | null = null
  const open = (): void => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore()
      window.focus()
      return
    }
    window = createMainWindow({
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      rendererUrl: url
    })
  }
  booted.agent.onEvent((event) => {
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event)
  })
  powerMonitor.on('resume', () => booted.agent.reconnectAll())
  app.on('second-instance', open)
  app.on('activate', open)
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => void booted.close())
  open()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.whenReady().then(start, (error: unknown) => {
    console.error('Berth could not start:', error)
    app.exit(1)
  })
}
