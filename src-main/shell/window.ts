import { BrowserWindow, shell, type WebContents } from 'electron'

export interface WindowOptions {
  preload: string
  /** file:// URL of the built renderer, or the dev server's URL. */
  rendererUrl: string
}

/**
 * The link as the system browser should get it: the normalised href of a URL that parses and is
 * http(s); null for anything else (javascript:, file:, custom schemes, garbage).
 */
function externalHref(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
}

/** Nothing but our own page ever loads; links to the web open in the system browser. */
export function lockDown(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    const href = externalHref(url)
    // Reviewed (electronegativity OPEN_EXTERNAL_JS_CHECK): only the normalised href of a URL that
    // parsed as http: or https: reaches the OS; nothing that could run or open a local file does.
    if (href) void shell.openExternal(href) // eng-disable OPEN_EXTERNAL_JS_CHECK
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
      // Reviewed (electronegativity PRELOAD_JS_CHECK): our own bundle (src-main/preload.ts), run
      // sandboxed, exposes one frozen object of two functions over two fixed IPC channels; neither
      // ipcRenderer nor any Node API reaches the page (test/main/preload.test.ts).
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // No middle-click (auxclick) link activation at all, beside the window-open handler's deny
      // (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick'
    }
  })
  lockDown(window.webContents, options.rendererUrl)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.rendererUrl)
  return window
}
