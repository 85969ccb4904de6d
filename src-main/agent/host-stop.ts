import { describeThrown, logLine } from './log-line'

export interface Stoppable {
  close(): Promise<void> | void
}

/** The part of `process` signals arrive on (a stand-in in tests). */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
}

export interface HostStopOptions {
  exit(code: number): void
  /** Where a part that fails to close is reported. */
  warn(line: string): void
  source?: SignalSource
  /** How long closing may take before the process ends anyway. */
  graceMs?: number
}

export interface HostStop {
  /**
   * A part that has started (in start order; closed in reverse). If a signal came while it was
   * starting, it is closed right away instead, and false returned: the host should stop there.
   */
  started(part: Stoppable): boolean
  readonly stopping: boolean
}

/**
 * How a host ends on SIGINT or SIGTERM, from the first instant (a caller may signal while Berth is
 * still starting): what has started is closed in reverse order, a part that fails or hangs does
 * not keep the process alive (a grace period, then exit), and a second signal ends it at once.
 */
export function stopOnSignals(options: HostStopOptions): HostStop {
  const { exit, warn, source = process, graceMs = 5_000 } = options
  const running: Stoppable[] = []
  let stopping = false

  const close = async (part: Stoppable): Promise<void> => {
    try {
      await part.close()
    } catch (error) {
      warn(`Closing failed while stopping: ${logLine(describeThrown(error))}`)
    }
  }
  const stop = async (): Promise<void> => {
    if (stopping) {
      exit(130)
      return
    }
    stopping = true
    setTimeout(() => exit(1), graceMs).unref()
    for (const part of running.splice(0).reverse()) await close(part)
    exit(0)
  }
  source.on('SIGINT', () => void stop())
  source.on('SIGTERM', () => void stop())

  return {
    started(part) {
      if (!stopping) {
        running.push(part)
        return true
      }
      void close(part)
      return false
    },
    get stopping() {
      return stopping
    }
  }
}
