import { dirname } from 'node:path'
import log from 'electron-log/main'
import type { Log } from '../agent/log'

/**
 * The desktop log goes where each platform keeps logs (electron-log's default: ~/.config/Berth/logs
 * on Linux, ~/Library/Logs/Berth on macOS, %APPDATA%\\Berth\\logs on Windows). No renderer hook
 * is installed: the page never writes here.
 */
export function desktopLog(): { log: Log; logDir: string } {
  log.transports.file.level = 'info'
  log.errorHandler.startCatching({ showDialog: false })
  return { log, logDir: dirname(log.transports.file.getFile().path) }
}
