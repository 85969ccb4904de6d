import type { AnyRecord } from '../cache/records'
import { commandError } from '../providers/qbo/command-error'
import { isSuccess, parseMessage } from '../providers/qbo/messages'
import { recordsOf } from '../providers/qbo/records-of'
import type { QboPayloadKind } from '../providers/qbo/schemas'

const decoder = new TextDecoder()

/**
 * One qbo reply as it came off the socket, read the way the client reads a message (envelope,
 * success, then the payload validated whole): throws the same ProviderErrors.
 */
export function qboReplyRecords(bytes: Uint8Array, payload: QboPayloadKind): AnyRecord[] {
  const message = parseMessage(decoder.decode(bytes))
  if (!isSuccess(message)) throw commandError(message)
  return recordsOf(message, payload)
}
