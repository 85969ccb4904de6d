import type { Db } from '../cache/db'
import { SetWrite } from '../cache/set-write'
import { StagedRows } from '../cache/staged-rows'
import { ProviderError } from '../providers/errors'
import { commandError } from '../providers/qbo/command-error'
import { resourceOfPayload } from '../providers/qbo/mapping'
import { isSuccess, parseMessage } from '../providers/qbo/messages'
import { recordsOfSlice } from '../providers/qbo/records-of'
import type { QboPayloadKind } from '../providers/qbo/schemas'
import type { WriteResult } from './protocol'
import { findArray, type ArraySpans } from './reply-items'

const decoder = new TextDecoder()

/**
 * Items parsed, validated, mapped and written at a time. Only one slice is ever held as objects:
 * the reply stays bytes, and each slice's items are parsed from them when their turn comes.
 */
export const SLICE = 2000

/**
 * One qbo reply as it came off the socket, read the way the client reads a message (envelope,
 * success, then the payload: the same ProviderErrors), and written as the account's whole set in
 * one transaction, slice by slice. A slice the payload schema refuses rolls the whole write back.
 *
 * The payload array is never parsed whole (100k nodes as objects are ~5× their JSON): its items'
 * spans are found in the bytes, the envelope around it is parsed on its own, and the items a
 * slice at a time. A reply whose shape the scan does not recognise is parsed whole, which says
 * what is wrong with it.
 */
export function writeQboReply(
  db: Db,
  accountId: string,
  payload: QboPayloadKind,
  bytes: Uint8Array,
  now: number
): WriteResult {
  const spans = findArray(bytes, payload)
  if (!spans) return writeSlices(db, accountId, payload, wholeItems(bytes, payload), now)
  checkEnvelope(bytes, spans)
  const slices: ItemSlices = {
    count: spans.itemStart.length,
    slice: (from, to) => parseSlice(bytes, spans, from, to)
  }
  return writeSlices(db, accountId, payload, slices, now)
}

/**
 * A payload's items, handed out a slice at a time, each with its JSON text as the reply holds
 * it when that is at hand (`texts`).
 */
interface ItemSlices {
  count: number
  slice(from: number, to: number): { items: unknown[]; texts?: string[] }
}

function writeSlices(
  db: Db,
  accountId: string,
  payload: QboPayloadKind,
  items: ItemSlices,
  now: number
): WriteResult {
  const kind = resourceOfPayload[payload]
  return db.transaction(() => {
    const set = new SetWrite(db, accountId, kind, now, items.count)
    // A first fill goes in with one statement, in key order: its rows wait in a temp table.
    const staged = set.bulk ? new StagedRows(db, kind) : null
    try {
      for (let offset = 0; offset < items.count; offset += SLICE) {
        const end = Math.min(offset + SLICE, items.count)
        const { items: parsed, texts } = items.slice(offset, end)
        const records = recordsOfSlice(payload, parsed, (i) => offset + i)
        const rows = set.rowsOf(records as never[], texts)
        if (staged) staged.add(rows)
        else set.addRows(rows)
      }
      if (staged) set.addStaged(staged)
    } finally {
      staged?.drop()
    }
    return { rows: items.count, summary: set.finish() }
  })()
}

/** The reply parsed whole: what a reply the scan does not recognise gets. */
function wholeItems(bytes: Uint8Array, payload: QboPayloadKind): ItemSlices {
  const message = parseMessage(decoder.decode(bytes))
  if (!isSuccess(message)) throw commandError(message)
  const items = message[payload]
  if (!Array.isArray(items)) {
    recordsOfSlice(payload, items)
    throw new Error(`The ${payload} schema accepted a payload that is not an array`)
  }
  return { count: items.length, slice: (from, to) => ({ items: items.slice(from, to) }) }
}

/** The envelope without its payload: checked as the client checks a message (same errors). */
function checkEnvelope(bytes: Uint8Array, spans: ArraySpans): void {
  const text =
    decoder.decode(bytes.subarray(0, spans.start)) +
    '[]' +
    decoder.decode(bytes.subarray(spans.end))
  const message = parseMessage(text)
  if (!isSuccess(message)) throw commandError(message)
}

/**
 * A slice's items parsed, and each item's own text: stored as the row's raw JSON, it spares
 * serialising the parsed copy again (a fifth of a large reply's write). Cut from the slice's
 * text where every character is one byte, decoded on its own where not.
 */
function parseSlice(
  bytes: Uint8Array,
  spans: ArraySpans,
  from: number,
  to: number
): { items: unknown[]; texts: string[] } {
  const first = spans.itemStart[from] as number
  const last = spans.itemEnd[to - 1] as number
  const text = decoder.decode(bytes.subarray(first, last))
  let items: unknown[]
  try {
    items = JSON.parse(`[${text}]`) as unknown[]
  } catch {
    // The message is not JSON after all: the error is the one a whole parse gives.
    throw new ProviderError('protocol', 'The qbo server sent a message that is not JSON')
  }
  const oneByteEach = text.length === last - first
  const texts: string[] = []
  for (let i = from; i < to; i++) {
    const start = spans.itemStart[i] as number
    const end = spans.itemEnd[i] as number
    texts.push(
      oneByteEach
        ? text.slice(start - first, end - first)
        : decoder.decode(bytes.subarray(start, end))
    )
  }
  return { items, texts }
}
