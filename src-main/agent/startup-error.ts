import { describeThrown, logLine } from './log-line'

/**
 * Something the user can fix stops Berth from starting (the data folder, a file in it, the
 * config): the message is one line that names the file, says what is wrong and what to do.
 */
export class StartupError extends Error {}

export interface Exit {
  /** 2: the user can fix it (see the line); 1: a fault in Berth (the line carries the stack). */
  code: 1 | 2
  line: string
}

/** How a host ends when starting failed: what it prints and the exit code. */
export function exitFor(error: unknown): Exit {
  if (error instanceof StartupError) return { code: 2, line: logLine(error.message) }
  return { code: 1, line: `Berth stopped on an unexpected error: ${describeThrown(error)}` }
}
