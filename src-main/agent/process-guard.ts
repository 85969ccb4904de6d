import type { Log } from './log'
import { describeThrown, logLine } from './log-line'

/** The part of `process` the guard listens on (a stand-in in tests). */
export interface RejectionSource {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
}

/**
 * A promise nobody awaited failed. Node's default is to end the process, which for Berth means a
 * stray rejection (a socket closing mid-request, a bug in one handler) stops every account and
 * the job outbox. Both hosts log it as one line and keep running; returns the uninstaller.
 */
export function guardRejections(log: Log, source: RejectionSource = process): () => void {
  const onRejection = (reason: unknown): void => {
    const line = `Unhandled promise rejection (Berth keeps running): ${logLine(describeThrown(reason))}`
    // A throw from here would be an uncaught exception, which does end the process.
    try {
      log.error(line)
    } catch {
      console.error(line)
    }
  }
  source.on('unhandledRejection', onRejection)
  return () => source.off('unhandledRejection', onRejection)
}
