import { z } from 'zod'
import { ResourceKind } from '@contract'
import { payloadSchemas, type QboPayloadKind } from '../providers/qbo/schemas'

// What crosses between the serving thread and the sync worker, checked on arrival at both ends:
// a message of the wrong shape is a bug to report, never something to half-apply.

// Records are checked for being objects, not copied: a looseObject would rebuild each one, and a
// Cycle page or a patch crosses as thousands of them (the provider validated them already).
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const records = z.array(z.custom<Record<string, unknown>>(isRecord, 'Expected a record'))
const payload = z.enum(Object.keys(payloadSchemas) as [QboPayloadKind, ...QboPayloadKind[]])

export const SyncRequest = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('replace'),
    accountId: z.string(),
    kind: ResourceKind,
    records,
    now: z.number()
  }),
  /** A qbo reply as it came off the socket: the writer parses, validates and maps it. */
  z.object({
    op: z.literal('qboReply'),
    accountId: z.string(),
    payload,
    bytes: z.instanceof(Uint8Array),
    now: z.number()
  }),
  z.object({
    op: z.literal('patch'),
    accountId: z.string(),
    kind: ResourceKind,
    records,
    now: z.number()
  }),
  z.object({
    op: z.literal('remove'),
    accountId: z.string(),
    kind: ResourceKind,
    keys: z.array(z.string())
  }),
  /** A set that arrives in parts (pages): nothing is written until `setCommit`. */
  z.object({
    op: z.literal('setBegin'),
    set: z.number(),
    accountId: z.string(),
    kind: ResourceKind
  }),
  z.object({ op: z.literal('setAdd'), set: z.number(), records }),
  /**
   * A page of a list as it came off the wire (its buffer handed over): the writer parses, checks
   * and maps it, and keeps at most `room` entries no earlier page of the set had.
   */
  z.object({
    op: z.literal('setAddPage'),
    set: z.number(),
    bytes: z.instanceof(Uint8Array),
    url: z.string(),
    room: z.number()
  }),
  z.object({ op: z.literal('setCommit'), set: z.number(), now: z.number() }),
  z.object({ op: z.literal('setAbort'), set: z.number() })
])
export type SyncRequest = z.infer<typeof SyncRequest>

const brief = z.record(z.string(), z.unknown())

/** What a write did (cache/write-summary): counts, and the brief of rows changed or gone. */
export const WriteSummary = z.object({
  inserted: z.number(),
  updated: z.number(),
  removed: z.number(),
  unchanged: z.number(),
  changed: z.array(z.object({ key: z.string(), before: brief, after: brief })),
  gone: z.array(z.object({ key: z.string(), before: brief }))
})

/** What a raw page held (setAddPage): what the reader needs to go on paging. */
export const PageFound = z.object({
  items: z.number(),
  fresh: z.number(),
  taken: z.number(),
  names: z.array(z.tuple([z.string(), z.string()]))
})

export type PageFound = z.infer<typeof PageFound>

export const WriteResult = z.object({
  /** Rows in the set after a replace; rows given to a patch; rows removed. */
  rows: z.number(),
  summary: WriteSummary,
  page: PageFound.optional()
})
export type WriteResult = z.infer<typeof WriteResult>

export const WriteFailure = z.object({
  kind: z.enum(['auth', 'network', 'protocol', 'rejected']),
  message: z.string(),
  code: z.number().optional()
})
export type WriteFailure = z.infer<typeof WriteFailure>

/** The worker's side: `ready` once its connection is open, then one reply per request. */
export const WorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('fatal'), message: z.string() }),
  /** What a raw page held, sent before its `done`, once read and checked (see SyncApplier). */
  z.object({ type: z.literal('page'), id: z.number(), page: PageFound }),
  z.object({ type: z.literal('done'), id: z.number(), result: WriteResult }),
  z.object({ type: z.literal('failed'), id: z.number(), error: WriteFailure })
])
export type WorkerMessage = z.infer<typeof WorkerMessage>

/** A request as posted: numbered so its reply finds it. */
export const Envelope = z.object({ id: z.number(), request: SyncRequest })
