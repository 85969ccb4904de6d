import { ProviderError } from '../errors'
import { outputText, type QboMessage } from './messages'

const AUTH_STATUS = new Set([401, 403])

/** A failed command's reply, in the terms the connection policy acts on. */
export function commandError(message: QboMessage): ProviderError {
  const detail = outputText(message) || `${message.status} (${message.code})`
  const kind = AUTH_STATUS.has(message.code) ? 'auth' : message.code >= 500 ? 'network' : 'rejected'
  return new ProviderError(kind, detail, message.code)
}
