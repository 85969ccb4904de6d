import { dirname } from 'node:path'
import log from 'electron-log/main'
import { logSafe, type Log } from '../agent/log'
import { describeThrown, logLine } from '../agent/log-line'

/**
 * The desktop log goes where each platform keeps logs (electron-log's default: ~/.config/Berth/logs
 * on Linux, ~/Library/Logs/Berth on macOS, %APPDATA%\\Berth\\logs on Windows). No renderer hook
 * is installed: the page never writes here.
 */
export function desktopLog(): { log: Log; logDir: string } {
  const safe = logSafe(log)
  log.transports.file.level = 'info'
  log.errorHandler.startCatching({
    showDialog: false,
    // Rejections are the host guard's (agent/process-guard.ts); an uncaught exception is written
    // the same way, one escaped line, instead of electron-log's raw dump of server-chosen text.
    onError: ({ error, errorName }) => {
      if (!errorName?.includes('rejection'))
        safe.error(`Uncaught exception: ${logLine(describeThrown(error))}`)
      return false
    }
  })
  return { log: safe, logDir: dirname(log.transports.file.getFile().path) }
}
