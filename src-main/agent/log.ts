/**
 * Where the agent writes what happened (electron-log in both shells). Messages name accounts,
 * jobs and states, never credentials or request payloads.
 */
export interface Log {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export const silentLog: Log = { info() {}, warn() {}, error() {} }
