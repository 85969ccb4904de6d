import { join } from 'node:path'
import log from 'electron-log/node'
import { logSafe, type Log } from '../agent/log'

/** Headless, the log lives beside the data it describes: `<data folder>/logs/berth.log`. */
export function headlessLog(dataDir: string): { log: Log; logDir: string } {
  const logDir = join(dataDir, 'logs')
  log.transports.file.resolvePathFn = () => join(logDir, 'berth.log')
  log.transports.file.level = 'info'
  // stdout carries the serving URL for whoever started us; only trouble goes to the console.
  log.transports.console.level = 'warn'
  return { log: logSafe(log), logDir }
}
