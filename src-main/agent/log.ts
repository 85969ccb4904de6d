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

// C0, DEL and C1 controls (ESC starts terminal escapes among them), and the Unicode line and
// paragraph separators some viewers break lines at.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * Text with every control character written out visibly (`\n`, `\u001b`). Text already escaped
 * for one line, where it was logged, has none left and passes through unchanged.
 */
export function escapeControls(text: string): string {
  return text.replace(
    CONTROLS,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/**
 * The log every host hands the agent: messages carry text servers chose (close reasons, error
 * titles), and a newline or a terminal escape in them must not forge a line or repaint a
 * terminal. Each message is one line, whatever it quotes.
 */
export function logSafe(log: Log): Log {
  return {
    info: (message) => log.info(escapeControls(String(message))),
    warn: (message) => log.warn(escapeControls(String(message))),
    error: (message) => log.error(escapeControls(String(message)))
  }
}
