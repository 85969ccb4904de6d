import { escapeControls } from './log'

const LIMIT = 4000

/**
 * Text from outside (an error a server or a file produced) written as exactly one log line:
 * control characters are written out, so a message cannot forge lines of its own, and an endless
 * one is cut short.
 */
export function logLine(text: string, limit = LIMIT): string {
  const escaped = escapeControls(text)
  return escaped.length <= limit
    ? escaped
    : `${escaped.slice(0, limit)}… (${escaped.length - limit} more characters)`
}

/** What was thrown, as text, whatever it was (an Error, a string, an object whose getters throw). */
export function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return thrown.stack ?? `${thrown.name}: ${thrown.message}`
    if (typeof thrown === 'string') return thrown
    return JSON.stringify(thrown) ?? String(thrown)
  } catch {
    try {
      return String(thrown)
    } catch {
      return '(a value that cannot be shown)'
    }
  }
}
