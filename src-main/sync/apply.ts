import type { ResourceKind } from '@contract'
import type { Db } from '../cache/db'
import type { AnyRecord } from '../cache/records'
import { patchRows, removeRows, replaceSet } from '../cache/writes'
import { emptySummary } from '../cache/write-summary'
import { resourceOfPayload } from '../providers/qbo/mapping'
import type { SyncRequest, WriteResult } from './protocol'
import { qboReplyRecords } from './qbo-reply'

const nothing = (rows: number): WriteResult => ({ rows, summary: emptySummary() })

interface OpenSet {
  accountId: string
  kind: ResourceKind
  records: AnyRecord[]
}

/**
 * Everything a sync does to the cache, on whichever thread owns the writer connection: parse
 * (qbo replies), validate, map, write, and say what the write changed (cache/write-summary).
 * The worker and the in-thread fallback both run this, so they cannot drift apart.
 */
export class SyncApplier {
  private readonly sets = new Map<number, OpenSet>()

  constructor(private readonly db: Db) {}

  /** Applies one request; throws ProviderError (bad reply) or the database's error. */
  apply(request: SyncRequest): WriteResult {
    switch (request.op) {
      case 'replace':
        return this.replace(
          request.accountId,
          request.kind,
          request.records as AnyRecord[],
          request.now
        )
      case 'qboReply': {
        const records = qboReplyRecords(request.bytes, request.payload)
        return this.replace(
          request.accountId,
          resourceOfPayload[request.payload],
          records,
          request.now
        )
      }
      case 'patch': {
        const records = request.records as never[]
        const summary = patchRows(this.db, request.accountId, request.kind, records, request.now)
        return { rows: records.length, summary }
      }
      case 'remove': {
        const summary = removeRows(this.db, request.accountId, request.kind, request.keys)
        return { rows: summary.removed, summary }
      }
      case 'setBegin':
        this.sets.set(request.set, {
          accountId: request.accountId,
          kind: request.kind,
          records: []
        })
        return nothing(0)
      case 'setAdd': {
        const set = this.open(request.set)
        for (const record of request.records) set.records.push(record as AnyRecord)
        return nothing(set.records.length)
      }
      case 'setCommit': {
        const set = this.open(request.set)
        this.sets.delete(request.set)
        return this.replace(set.accountId, set.kind, set.records, request.now)
      }
      case 'setAbort':
        this.sets.delete(request.set)
        return nothing(0)
    }
  }

  private replace(
    accountId: string,
    kind: ResourceKind,
    records: AnyRecord[],
    now: number
  ): WriteResult {
    const summary = replaceSet(this.db, accountId, kind, records as never[], now)
    return { rows: records.length, summary }
  }

  private open(id: number): OpenSet {
    const set = this.sets.get(id)
    if (!set) throw new Error(`The cache writer has no open set ${id}`)
    return set
  }
}
