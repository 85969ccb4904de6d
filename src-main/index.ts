import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, dialog } from 'electron'
import { bootAgent } from './agent/bootstrap'
import { guardRejections } from './agent/process-guard'
import { exitFor } from './agent/startup-error'
import { keyFileVault } from './vault/key-file-vault'
import { wireDesktop } from './shell/desktop'
import { builtWorker, startWriterEarly } from './sync/early-writer'
import { desktopLog } from './shell/log'
import { safeStorageIsStrong, safeStorageVault } from './shell/safe-storage-vault'

/** The Electron entry: one instance, the agent booted with the OS keyring, then the shell. */
const configFile = process.argv.find((a) => a.startsWith('--config='))?.slice('--config='.length)

function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL
  return dev ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href
}

/** Packaged, the tray icons are extra resources; from a checkout, they are in `resources/`. */
const trayIcon = (state: string): string =>
  app.isPackaged
    ? join(process.resourcesPath, 'tray', `${state}.png`)
    : join(app.getAppPath(), 'resources', 'tray', `${state}.png`)

async function start(): Promise<void> {
  const { log, logDir } = desktopLog()
  guardRejections(log)
  const dataDir = app.getPath('userData')
  const strong = safeStorageIsStrong()
  // Without a real keyring, safeStorage's Linux fallback is a fixed key: the 0600 key file is
  // no weaker, and honest about it.
  if (!strong) log.warn('No OS keyring is available: account secrets are sealed with a key file')
  const booted = await bootAgent({
    dataDir,
    vault: strong ? safeStorageVault : () => keyFileVault(join(dataDir, 'vault.key')),
    configFile,
    nativeBinding: process.env.BERTH_SQLITE_BINDING,
    log,
    shell: { mode: 'desktop', logDir, secrets: strong ? 'os-keyring' : 'key-file' }
  })
  const desktop = wireDesktop({
    agent: booted.agent,
    rendererUrl: rendererUrl(),
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    trayIcon,
    log
  })
  app.on('will-quit', () => {
    desktop.close()
    void booted.close()
  })
}

// Windows shows an app's toasts only under the AppUserModelID its installer registered (the appId).
if (process.platform === 'win32') app.setAppUserModelId('dev.berth.app')

/** Started from a launcher, nobody sees the console: what stopped Berth is shown, then it ends. */
function failed(error: unknown): void {
  const { code, line } = exitFor(error)
  console.error(line)
  dialog.showErrorBox('Berth could not start', line)
  app.exit(code)
}

// A second desktop Berth hands over to the first (which shows its window); the data folder lock
// in bootAgent also stops a headless Berth on the same folder.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  // The sync worker compiles while Electron gets ready, not after the first sync's first page.
  startWriterEarly(builtWorker(import.meta.dirname))
  app.whenReady().then(start).catch(failed)
}
