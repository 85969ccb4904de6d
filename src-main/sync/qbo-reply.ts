import type { Db } from '../cache/db'
import { keyOrder, SetWrite } from '../cache/set-write'
import { commandError } from '../providers/qbo/command-error'
import { resourceOfPayload } from '../providers/qbo/mapping'
import { isSuccess, parseMessage } from '../providers/qbo/messages'
import { keyOfItem, recordsOfSlice } from '../providers/qbo/records-of'
import type { QboPayloadKind } from '../providers/qbo/schemas'
import type { WriteResult } from './protocol'

const decoder = new TextDecoder()

/**
 * Items validated, mapped and written at a time. A slice's validated copies, records and row
 * texts are garbage once it is written, and each item of the parsed reply is let go as its
 * slice is taken, so a reply is held about once (as parsed), not four times over.
 */
export const SLICE = 2000

/**
 * One qbo reply as it came off the socket, read the way the client reads a message (envelope,
 * success, then the payload: the same ProviderErrors), and written as the account's whole set in
 * one transaction, slice by slice. A slice the payload schema refuses rolls the whole write back.
 */
export function writeQboReply(
  db: Db,
  accountId: string,
  payload: QboPayloadKind,
  bytes: Uint8Array,
  now: number
): WriteResult {
  const items = payloadItems(bytes, payload)
  const kind = resourceOfPayload[payload]
  return db.transaction(() => {
    const set = new SetWrite(db, accountId, kind, now, items.length)
    // Where each item was in the reply, once sorted: what an error names.
    const from = set.bulk ? arrangeInKeyOrder(items, payload) : null
    for (let offset = 0; offset < items.length; offset += SLICE) {
      const end = Math.min(offset + SLICE, items.length)
      const positionOf = (i: number): number => from?.[offset + i] ?? offset + i
      set.add(recordsOfSlice(payload, items.slice(offset, end), positionOf) as never[])
      items.fill(null, offset, end)
    }
    return { rows: items.length, summary: set.finish() }
  })()
}

/** The reply's payload array, unvalidated; anything else is refused as the schema refuses it. */
function payloadItems(bytes: Uint8Array, payload: QboPayloadKind): unknown[] {
  const message = parseMessage(decoder.decode(bytes))
  if (!isSuccess(message)) throw commandError(message)
  const items = message[payload]
  if (Array.isArray(items)) return items
  recordsOfSlice(payload, items)
  throw new Error(`The ${payload} schema accepted a payload that is not an array`)
}

/**
 * Sorts the items in place by the key their records will have (a first fill goes in faster);
 * returns where each one was.
 */
function arrangeInKeyOrder(items: unknown[], payload: QboPayloadKind): number[] {
  const order = keyOrder(items.map((item) => keyOfItem(payload, item)))
  const copy = order.map((i) => items[i])
  for (let i = 0; i < copy.length; i++) items[i] = copy[i]
  return order
}
