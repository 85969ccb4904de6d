import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ResourceKind } from '@contract'
import type { Db } from '../cache/db'
import type { AnyRecord } from '../cache/records'
import type { QboPayloadKind } from '../providers/qbo/schemas'
import { SyncApplier } from './apply'
import { fromFailure, toFailure } from './failure'
import { WorkerMessage, type SyncRequest, type WriteResult } from './protocol'
import type { WorkerOptions } from './worker-options'

export type { WriteResult } from './protocol'

/** A set written in parts (a list read page by page); the cache changes only at `commit`. */
export interface SetWriter {
  add(records: readonly AnyRecord[]): void
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
  close(): Promise<void>
}

type Send = (request: SyncRequest, transfer?: ArrayBuffer[]) => Promise<WriteResult>

/** The requests every writer makes; only how they travel differs. */
abstract class RequestWriter implements CacheWriter {
  abstract readonly mode: CacheWriter['mode']
  private nextSet = 1
  protected abstract send: Send

  replace(accountId: string, kind: ResourceKind, records: readonly AnyRecord[], now: number) {
    return this.send({ op: 'replace', accountId, kind, records: records as never[], now })
  }

  qboReply(accountId: string, payload: QboPayloadKind, bytes: Uint8Array, now: number) {
    // Handed over, not copied, when the bytes own their buffer (ws gives large messages one); a
    // view into a buffer shared with other messages is copied first (Buffer#slice would not).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    const body = (own ? bytes : new Uint8Array(bytes)) as Uint8Array<ArrayBuffer>
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
    return {
      add: (records) => note(this.send({ op: 'setAdd', set, records: records as never[] })),
      commit: async (now) => {
        const result = await this.send({ op: 'setCommit', set, now })
        if (failed) throw failed
        return result
      },
      abort: () => note(this.send({ op: 'setAbort', set }))
    }
  }

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
  apply(request: SyncRequest): Promise<WriteResult> {
    try {
      return Promise.resolve(this.applier.apply(request))
    } catch (error) {
      return Promise.reject(fromFailure(toFailure(error)))
    }
  }

  protected send: Send = (request) => this.apply(request)

  close(): Promise<void> {
    return Promise.resolve()
  }
}

interface Pending {
  resolve(result: WriteResult): void
  reject(error: Error): void
}

/** The writer in a worker thread; if the worker dies, later writes fall back to this thread. */
class WorkerCacheWriter extends RequestWriter {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private fallback: InThreadCacheWriter | null = null
  private closed: Promise<void> | null = null

  constructor(
    private readonly worker: Worker,
    private readonly db: Db,
    private readonly log: (message: string) => void
  ) {
    super()
    worker.on('message', (data: unknown) => this.receive(data))
    worker.on('error', (error) => this.lost(`it failed: ${error.message}`))
    worker.on('exit', (code) => {
      if (!this.closed) this.lost(`it exited (code ${code})`)
    })
  }

  get mode(): CacheWriter['mode'] {
    return this.fallback ? 'in-thread' : 'worker'
  }

  protected send: Send = (request, transfer = []) => {
    if (this.fallback) return this.fallback.apply(request)
    const id = this.nextId++
    return new Promise<WriteResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      try {
        this.worker.postMessage({ id, request }, transfer)
      } catch {
        // A buffer that cannot be handed over (Node's pool, say) is copied instead.
        this.worker.postMessage({ id, request })
      }
    })
  }

  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      if (this.fallback) return resolve()
      this.worker.once('exit', () => resolve())
      // Requests already posted are applied first: the worker reads its port in order.
      this.worker.postMessage('close')
    })
    return this.closed
  }

  private receive(data: unknown): void {
    const parsed = WorkerMessage.safeParse(data)
    if (!parsed.success) {
      this.log(`The cache writer sent a malformed reply: ${parsed.error.issues[0]?.message}`)
      return
    }
    const message = parsed.data
    if (message.type === 'ready') return
    if (message.type === 'fatal') {
      this.log(`The cache writer reported: ${message.message}`)
      return
    }
    const waiter = this.pending.get(message.id)
    this.pending.delete(message.id)
    if (message.type === 'done') waiter?.resolve(message.result)
    else waiter?.reject(fromFailure(message.error))
  }

  private lost(why: string): void {
    if (this.fallback || this.closed) return
    this.log(`The sync worker stopped (${why}); writing the cache on the main thread from now on`)
    this.fallback = new InThreadCacheWriter(this.db)
    const error = new Error(`The cache writer stopped: ${why}`)
    for (const waiter of this.pending.values()) waiter.reject(error)
    this.pending.clear()
  }
}

export interface OpenWriterOptions extends Omit<WorkerOptions, 'file'> {
  /** The cache file the worker opens its own connection to. */
  file: string
  /** The serving thread's connection: the fallback writes through it. */
  db: Db
  /** The built worker (out/main/sync-worker.js); without it, or if it fails, the in-thread writer. */
  workerFile?: string | undefined
  log?: (message: string) => void
}

/**
 * The sync worker if it can start, the in-thread writer otherwise (said once in the log): a
 * missing or broken worker costs responsiveness during large syncs, never the sync itself.
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
  let worker: Worker
  try {
    worker = new Worker(resolve(workerFile), { workerData: data })
  } catch (error) {
    log(
      `The sync worker could not start (${(error as Error).message}); writing the cache on the main thread`
    )
    return new InThreadCacheWriter(db)
  }
  const started = await new Promise<string | null>((resolve) => {
    const done = (why: string | null): void => {
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      resolve(why)
    }
    const onMessage = (data: unknown): void => {
      const parsed = WorkerMessage.safeParse(data)
      if (parsed.success && parsed.data.type === 'ready') done(null)
      else if (parsed.success && parsed.data.type === 'fatal') done(parsed.data.message)
    }
    const onError = (error: Error): void => done(error.message)
    const onExit = (code: number): void => done(`exited with code ${code}`)
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
  })
  if (started !== null) {
    void worker.terminate()
    log(`The sync worker could not start (${started}); writing the cache on the main thread`)
    return new InThreadCacheWriter(db)
  }
  return new WorkerCacheWriter(worker, db, log)
}
