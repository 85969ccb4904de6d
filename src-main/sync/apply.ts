import type { ResourceKind } from '@contract'
import type { Db } from '../cache/db'
import type { AnyRecord } from '../cache/records'
import { rowOf } from '../cache/row-writer'
import { SetWrite } from '../cache/set-write'
import { StagedRows } from '../cache/staged-rows'
import { patchRows, removeRows, replaceSet } from '../cache/writes'
import { emptySummary } from '../cache/write-summary'
import { readListPage } from './list-page'
import type { PageFound, SyncRequest, WriteResult } from './protocol'
import { writeQboReply } from './qbo-reply'
import { SearchUpkeep } from './search-upkeep'

const nothing = (rows: number): WriteResult => ({ rows, summary: emptySummary() })

/**
 * A set arriving page by page. Each page is made rows (columns, raw JSON, hash) and staged in a
 * temp table as it arrives, while the writer would otherwise wait for the next: the commit is
 * then only the writing (a first fill one statement), and the set waits on the connection's
 * temp file, not in the heap.
 */
interface OpenSet {
  accountId: string
  kind: ResourceKind
  staged: StagedRows
  /** Ids the set's raw pages have delivered: a page that repeats them adds nothing. */
  seen: Set<string>
}

/**
 * Everything a sync does to the cache, on whichever thread owns the writer connection: parse
 * (qbo replies), validate, map, write, and say what the write changed (cache/write-summary).
 * The worker and the in-thread fallback both run this, so they cannot drift apart. The trigram
 * indexes catch up once writes pause (search-upkeep.ts).
 */
export class SyncApplier {
  private readonly sets = new Map<number, OpenSet>()
  private readonly search: SearchUpkeep

  constructor(private readonly db: Db) {
    this.search = new SearchUpkeep(db)
    // Whatever a previous run left unindexed is caught up once the first syncs are written.
    this.search.poke()
  }

  /**
   * Applies one request; throws ProviderError (bad reply) or the database's error. `found` hears
   * what a raw page held as soon as it is read and checked, before its rows are staged: the
   * reader can ask for the next page while this one is written.
   */
  apply(request: SyncRequest, found?: (page: PageFound) => void): WriteResult {
    try {
      return this.applyNow(request, found)
    } finally {
      this.search.poke()
    }
  }

  private applyNow(request: SyncRequest, found?: (page: PageFound) => void): WriteResult {
    switch (request.op) {
      case 'replace':
        return this.replace(
          request.accountId,
          request.kind,
          request.records as AnyRecord[],
          request.now
        )
      case 'qboReply':
        return writeQboReply(
          this.db,
          request.accountId,
          request.payload,
          request.bytes,
          request.now
        )
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
          staged: new StagedRows(this.db, request.kind),
          seen: new Set()
        })
        return nothing(0)
      case 'setAdd': {
        const set = this.open(request.set)
        set.staged.add(request.records.map((record) => rowOf(set.kind, record as never)))
        // The rows this page gave, as a patch counts them (the set's size is known at commit):
        // the worker reads a large count as a large write just done and collects its garbage.
        return nothing(request.records.length)
      }
      case 'setAddPage': {
        const set = this.open(request.set)
        const { records, ...page } = readListPage(
          set.kind,
          request.bytes,
          request.url,
          set.seen,
          request.room
        )
        found?.(page)
        set.staged.add(records.map((record) => rowOf(set.kind, record as never)))
        return { ...nothing(records.length), page }
      }
      case 'setCommit': {
        const set = this.open(request.set)
        this.sets.delete(request.set)
        try {
          const summary = this.db.transaction(() => {
            const write = new SetWrite(
              this.db,
              set.accountId,
              set.kind,
              request.now,
              set.staged.count
            )
            write.addStaged(set.staged)
            return write.finish()
          })()
          return { rows: set.staged.count, summary }
        } finally {
          set.staged.drop()
        }
      }
      case 'setAbort':
        this.sets.get(request.set)?.staged.drop()
        this.sets.delete(request.set)
        return nothing(0)
    }
  }

  /**
   * Call before closing the connection: brings the trigram indexes up to date (bounded), as the
   * writer will not be idle again.
   */
  close(): void {
    this.search.finish()
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
