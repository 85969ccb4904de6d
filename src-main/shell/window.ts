import { BrowserWindow, shell, type WebContents } from 'electron'

export interface WindowOptions {
  preload: string
  /** file:// URL of the built renderer, or the dev server's URL. */
  rendererUrl: string
}

const isExternalLink = (url: string): boolean => /^https?:\/\//.test(url)

/** Nothing but our own page ever loads; links to the web open in the system browser. */
export function lockDown(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false)
  )
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Berth',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  })
  lockDown(window.webContents, options.rendererUrl)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.rendererUrl)
  return window
}
