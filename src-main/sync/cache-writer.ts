import { existsSync } from 'node:fs'
import type { ResourceKind } from '@contract'
import type { Db } from '../cache/db'
import type { AnyRecord } from '../cache/records'
import type { QboPayloadKind } from '../providers/qbo/schemas'
import type { PageTaken, RawPage } from '../providers/session'
import { SyncApplier } from './apply'
import { checkpointOnCommit, deferCheckpoints } from './checkpoints'
import { collectGarbage } from './collect-garbage'
import { fromFailure, toFailure } from './failure'
import type { PageFound, SyncRequest, WriteResult } from './protocol'
import type { WorkerOptions } from './worker-options'
import { WriterThread } from './writer-thread'

export type { WriteResult } from './protocol'

/** A set written in parts (a list read page by page); the cache changes only at `commit`. */
export interface SetWriter {
  /**
   * Sends one part. Resolves at once while fewer than SET_PARTS_AHEAD parts wait to be applied,
   * otherwise once one of them has been: a reader that waits for it cannot outrun the writer and
   * pile pages up in memory (each posted part is held as a copy until the writer takes it).
   */
  add(records: readonly AnyRecord[]): Promise<void>
  /**
   * Sends one page of the set's list unread, its buffer handed over (see PartSet.addPage):
   * resolves with what the writer found in it as soon as it is read and checked (its rows are
   * staged meanwhile; a failure to stage them fails the commit).
   */
  addPage(page: RawPage, room: number): Promise<PageTaken>
  commit(now: number): Promise<WriteResult>
  abort(): void
}

/** Where a sync's findings go: every write resolves once it is committed, in the order asked. */
export interface CacheWriter {
  readonly mode: 'worker' | 'in-thread'
  replace(
    accountId: string,
    kind: ResourceKind,
    records: readonly AnyRecord[],
    now: number
  ): Promise<WriteResult>
  /** A qbo reply as received: parsed, validated and mapped by the writer, then written whole. */
  qboReply(
    accountId: string,
    payload: QboPayloadKind,
    bytes: Uint8Array,
    now: number
  ): Promise<WriteResult>
  patch(
    accountId: string,
    kind: ResourceKind,
    records: readonly AnyRecord[],
    now: number
  ): Promise<WriteResult>
  remove(accountId: string, kind: ResourceKind, keys: readonly string[]): Promise<WriteResult>
  beginSet(accountId: string, kind: ResourceKind): SetWriter
  /**
   * A sync is about to ask its servers: a writer that has to start does so now, while the
   * requests are out, rather than when the first answer is already waiting for it.
   */
  warm(): void
  close(): Promise<void>
}

type Send = (
  request: SyncRequest,
  transfer?: ArrayBuffer[],
  found?: (page: PageFound) => void
) => Promise<WriteResult>

/**
 * Bytes that can be handed over, not copied: themselves when they own their buffer (ws gives
 * large messages one, fetch a page's body); a view into a buffer shared with other data is
 * copied first (Buffer#slice would not).
 */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  return (own ? bytes : new Uint8Array(bytes)) as Uint8Array<ArrayBuffer>
}

/** Parts of a set sent and not yet applied before `add` asks its caller to wait. */
export const SET_PARTS_AHEAD = 32

/** The requests every writer makes; only how they travel differs. */
abstract class RequestWriter implements CacheWriter {
  abstract readonly mode: CacheWriter['mode']
  private nextSet = 1
  protected abstract send: Send

  replace(accountId: string, kind: ResourceKind, records: readonly AnyRecord[], now: number) {
    return this.send({ op: 'replace', accountId, kind, records: records as never[], now })
  }

  qboReply(accountId: string, payload: QboPayloadKind, bytes: Uint8Array, now: number) {
    const body = ownBuffer(bytes)
    return this.send({ op: 'qboReply', accountId, payload, bytes: body, now }, [body.buffer])
  }

  patch(accountId: string, kind: ResourceKind, records: readonly AnyRecord[], now: number) {
    return this.send({ op: 'patch', accountId, kind, records: records as never[], now })
  }

  remove(accountId: string, kind: ResourceKind, keys: readonly string[]) {
    return this.send({ op: 'remove', accountId, kind, keys: [...keys] })
  }

  beginSet(accountId: string, kind: ResourceKind): SetWriter {
    const set = this.nextSet++
    let failed: unknown = null
    const note = (p: Promise<unknown>): void => void p.catch((error) => (failed ??= error))
    note(this.send({ op: 'setBegin', set, accountId, kind }))
    let waiting = 0
    const room: Array<() => void> = []
    const applied = (): void => {
      waiting--
      if (waiting < SET_PARTS_AHEAD) for (const go of room.splice(0)) go()
    }
    return {
      add: (records) => {
        const sent = this.send({ op: 'setAdd', set, records: records as never[] })
        note(sent)
        waiting++
        sent.then(applied, applied)
        if (waiting < SET_PARTS_AHEAD) return Promise.resolve()
        return new Promise<void>((go) => room.push(go))
      },
      addPage: ({ bytes, url }, room) => {
        const body = ownBuffer(bytes)
        // Told as soon as the page is read and checked: its rows are staged while the next page
        // is on its way (a failure to stage them is the set's, said at commit).
        let found!: (page: PageFound) => void
        const told = new Promise<PageFound>((resolve) => (found = resolve))
        const sent = this.send(
          { op: 'setAddPage', set, bytes: body, url, room },
          [body.buffer],
          found
        )
        note(sent)
        return Promise.race([
          told,
          sent.then(({ page }) => {
            if (!page) throw new Error('The cache writer did not say what the page held')
            return page
          })
        ])
      },
      commit: async (now) => {
        const result = await this.send({ op: 'setCommit', set, now })
        if (failed) throw failed
        return result
      },
      abort: () => note(this.send({ op: 'setAbort', set }))
    }
  }

  warm(): void {}

  abstract close(): Promise<void>
}

/** The writer on the calling thread: the fallback, and what tests without a built worker use. */
export class InThreadCacheWriter extends RequestWriter {
  readonly mode = 'in-thread' as const
  private readonly applier: SyncApplier

  constructor(db: Db) {
    super()
    this.applier = new SyncApplier(db)
  }

  /** Applies one request now; the promise only carries the outcome. */
  apply(request: SyncRequest, found?: (page: PageFound) => void): Promise<WriteResult> {
    try {
      return Promise.resolve(this.applier.apply(request, found))
    } catch (error) {
      return Promise.reject(fromFailure(toFailure(error)))
    }
  }

  protected send: Send = (request, _transfer, found) => this.apply(request, found)

  close(): Promise<void> {
    return Promise.resolve()
  }
}

/** How long a worker with nothing to do is kept before it ends (a burst of updates reuses it). */
const IDLE_MS = 5_000
/**
 * Input past which a worker ends as soon as its queue is empty: parsing a large sync leaves
 * hundreds of MB of heap and page cache that a fresh worker (~100 ms to start) does not hold.
 */
const HEAVY_BYTES = 4 * 1024 * 1024
/** What a record weighs, roughly, as JSON: to compare record lists with raw replies. */
const RECORD_BYTES = 256

export interface WorkerLifeOptions {
  /** Quiet time after which a worker ends; the next write starts another. */
  idleMs?: number
  /** Bytes of input after which a worker ends once it has nothing left to do. */
  heavyBytes?: number
  /** Told when a worker starts, is asked to end, and has exited (tests, diagnostics). */
  onWorker?: (event: 'started' | 'ending' | 'ended') => void
}

const weightOf = (request: SyncRequest): number => {
  switch (request.op) {
    case 'qboReply':
    case 'setAddPage':
      return request.bytes.byteLength
    case 'replace':
    case 'patch':
    case 'setAdd':
      return request.records.length * RECORD_BYTES
    case 'remove':
      return request.keys.length * 64
    default:
      return 0
  }
}

/**
 * The writer in a worker thread, started when there is something to write and ended when there
 * is not (see IDLE_MS, HEAVY_BYTES): between syncs the agent holds no second heap. One worker at a
 * time (the next starts once the last has exited), and one ends only with nothing sent to it
 * unanswered and no set open in it, so writes keep their order across workers. If a worker
 * fails, later writes fall back to this thread.
 */
class WorkerCacheWriter extends RequestWriter {
  private thread: WriterThread | null = null
  private readonly ending = new Set<Promise<void>>()
  private fallback: InThreadCacheWriter | null = null
  /** Sets begun and not yet committed or aborted: their parts live in the worker. */
  private readonly openSets = new Set<number>()
  private weight = 0
  private timer: NodeJS.Timeout | null = null
  private closed: Promise<void> | null = null
  private readonly idleMs: number
  private readonly heavyBytes: number

  constructor(
    private readonly workerFile: string,
    private readonly data: WorkerOptions,
    private readonly db: Db,
    private readonly log: (message: string) => void,
    private readonly life: WorkerLifeOptions = {}
  ) {
    super()
    this.idleMs = life.idleMs ?? IDLE_MS
    this.heavyBytes = life.heavyBytes ?? HEAVY_BYTES
    // The worker checkpoints as it ends; this connection must not do it on the UI's thread.
    deferCheckpoints(db)
  }

  get mode(): CacheWriter['mode'] {
    return this.fallback ? 'in-thread' : 'worker'
  }

  protected send: Send = (request, transfer = [], found) => {
    if (this.fallback) return this.fallback.apply(request, found)
    if (this.closed) return Promise.reject(new Error('The cache writer is closed'))
    this.stopTimer()
    if (request.op === 'setBegin') this.openSets.add(request.set)
    if (request.op === 'setCommit' || request.op === 'setAbort') this.openSets.delete(request.set)
    this.weight += weightOf(request)
    const thread = this.thread ?? this.start()
    return new Promise<WriteResult>((resolve, reject) => {
      thread.send({ request, transfer, resolve, reject, ...(found ? { found } : {}) })
    })
  }

  override warm(): void {
    if (this.fallback || this.closed || this.thread) return
    this.start()
    // Started for a sync that may write nothing (or not soon): it ends as an idle one does.
    this.quiet()
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.stopTimer()
      // Requests already sent are applied first: the worker reads its port in order.
      if (this.thread) this.retire()
      await Promise.all(this.ending)
    })()
    return this.closed
  }

  private start(): WriterThread {
    // The next worker opens the file only once the last has closed it (see WriterThread).
    const previous = Promise.all(this.ending)
    const thread: WriterThread = new WriterThread(
      this.workerFile,
      this.data,
      {
        spawned: () => this.life.onWorker?.('started'),
        settled: (idle) => {
          if (idle && this.thread === thread) this.quiet()
        },
        lost: (why, unsent) => {
          if (this.thread === thread) this.thread = null
          this.fellBack(why)
          // Never posted, so never applied: applied here instead, in the order they were sent.
          for (const q of unsent) {
            this.fallback!.apply(q.request, q.found).then(q.resolve, q.reject)
          }
        },
        log: this.log
      },
      previous
    )
    this.thread = thread
    return thread
  }

  /** Nothing waits on the worker: it ends now if it did heavy work, or after a quiet spell. */
  private quiet(): void {
    if (this.openSets.size > 0 || this.closed) return
    this.stopTimer()
    // A write that follows straight on from this one's outcome still finds this worker.
    const wait = this.weight >= this.heavyBytes ? 0 : this.idleMs
    this.timer = setTimeout(() => this.retire(), wait)
    this.timer.unref()
  }

  private retire(): void {
    const thread = this.thread
    if (!thread) return
    this.thread = null
    // This thread read and handed over what the worker wrote: its garbage is as large.
    if (this.weight >= this.heavyBytes) collectGarbage('soon')
    this.weight = 0
    this.life.onWorker?.('ending')
    const exited = thread.end().then(() => {
      this.ending.delete(exited)
      this.life.onWorker?.('ended')
    })
    this.ending.add(exited)
  }

  private fellBack(why: string): void {
    if (this.fallback) return
    this.stopTimer()
    this.log(`The sync worker stopped (${why}); writing the cache on the main thread from now on`)
    this.fallback = new InThreadCacheWriter(this.db)
    checkpointOnCommit(this.db)
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}

export interface OpenWriterOptions extends Omit<WorkerOptions, 'file'>, WorkerLifeOptions {
  /** The cache file the worker opens its own connection to. */
  file: string
  /** The serving thread's connection: the fallback writes through it. */
  db: Db
  /** The built worker (out/main/sync-worker.js); without it, or if it fails, the in-thread writer. */
  workerFile?: string | undefined
  log?: (message: string) => void
}

/**
 * The sync worker if it is built, the in-thread writer otherwise (said once in the log): a
 * missing or broken worker costs responsiveness during large syncs, never the sync itself. The
 * worker starts when a sync is about to begin (`warm`) or with the first write, so opening costs
 * start-up nothing.
 */
export async function openCacheWriter(options: OpenWriterOptions): Promise<CacheWriter> {
  const log = options.log ?? (() => {})
  const { workerFile, db, file, nativeBinding } = options
  if (!workerFile || !existsSync(workerFile)) {
    log(
      `The sync worker is not built (${workerFile ?? 'no path'}); writing the cache on the main thread`
    )
    return new InThreadCacheWriter(db)
  }
  const data: WorkerOptions = { file, ...(nativeBinding ? { nativeBinding } : {}) }
  return new WorkerCacheWriter(workerFile, data, db, log, options)
}
