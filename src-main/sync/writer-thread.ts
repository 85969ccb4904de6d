import type { Worker } from 'node:worker_threads'
import { spawnWriter, takeEarlyWriter } from './early-writer'
import { fromFailure } from './failure'
import { WorkerMessage, type PageFound, type SyncRequest, type WriteResult } from './protocol'
import type { WorkerOptions } from './worker-options'

/** A request handed to a thread, with whoever waits for its outcome. */
export interface Queued {
  request: SyncRequest
  transfer: ArrayBuffer[]
  resolve(result: WriteResult): void
  reject(error: Error): void
  /** Told what a raw page held as soon as the worker has read it (before `resolve`). */
  found?: (page: PageFound) => void
}

export interface ThreadHooks {
  /** The worker has been created (its turn came: the one before it has exited). */
  spawned(): void
  /** A request's outcome arrived; `idle` when nothing else is waiting on this thread. */
  settled(idle: boolean): void
  /**
   * The thread is gone without being asked to end. `unsent` were never posted (it stopped before
   * it was ready), so nobody applied them; those posted and unanswered were rejected.
   */
  lost(why: string, unsent: Queued[]): void
  log(message: string): void
}

/**
 * One run of the sync worker. Requests go in order; the worker applies none before it says it
 * is ready (its connection is open), so a worker that cannot start has applied none of them and
 * they can be applied elsewhere instead of lost. After `end` the worker applies what it was
 * sent, closes its connection and exits, taking its heap and page cache with it.
 */
export class WriterThread {
  private worker: Worker | null = null
  private readonly waiting: Queued[] = []
  /** Who waits for each posted request's outcome (not the request: a set's pages would stay). */
  private readonly posted = new Map<number, Pick<Queued, 'resolve' | 'reject' | 'found'>>()
  /** Requests posted before `ready`, kept whole: a worker that never starts applied none. */
  private readonly early = new Map<number, Queued>()
  private nextId = 1
  private ready = false
  private done = false
  private gone = false
  /** Resolves once the worker has exited, whatever the reason. */
  readonly exited: Promise<void>
  private markExited: () => void = () => {}

  /**
   * Starts once `after` has settled: the writer before this one may still be finishing its work
   * on the file (search upkeep), and two writer connections at once could refuse each other.
   */
  constructor(
    private readonly file: string,
    private readonly data: WorkerOptions,
    private readonly hooks: ThreadHooks,
    after: Promise<unknown> = Promise.resolve()
  ) {
    this.exited = new Promise((done) => (this.markExited = done))
    void after.then(() => this.spawn())
  }

  private spawn(): void {
    let worker: Worker
    try {
      worker = takeEarlyWriter(this.file) ?? spawnWriter(this.file)
      // Before any request: the worker opens the file, then says it is ready.
      worker.postMessage({ open: this.data })
    } catch (error) {
      this.fail(`it could not start: ${(error as Error).message}`)
      this.markExited()
      return
    }
    this.worker = worker
    this.hooks.spawned()
    worker.once('exit', () => this.markExited())
    worker.on('message', (message: unknown) => this.receive(message))
    worker.on('error', (error) => this.fail(`it failed: ${error.message}`))
    worker.on('exit', (code) => this.fail(`it exited (code ${code})`))
  }

  /** Requests sent and not yet answered (waiting for `ready` included). */
  get busy(): number {
    return this.waiting.length + this.posted.size
  }

  send(queued: Queued): void {
    // Before `ready`, records are posted at once (the worker's port keeps them until it listens,
    // and each page's copy is made as it comes, not all at once later), while a reply whose
    // buffer would be handed over waits: if the worker never starts, it is still here to apply.
    const early = this.worker && this.waiting.length === 0 && queued.transfer.length === 0
    if (this.ready || early) this.post(queued)
    else this.waiting.push(queued)
  }

  /** Asks the worker to finish what it was sent and exit. */
  end(): Promise<void> {
    if (!this.done) {
      this.done = true
      // Not ready yet: it is told once it is, after what waits here has been posted.
      if (this.ready) this.worker?.postMessage('close')
    }
    return this.exited
  }

  private post(queued: Queued): void {
    const id = this.nextId++
    const { resolve, reject, found } = queued
    this.posted.set(id, { resolve, reject, ...(found ? { found } : {}) })
    if (!this.ready) this.early.set(id, queued)
    const { request, transfer } = queued
    const worker = this.worker!
    try {
      worker.postMessage({ id, request }, transfer)
    } catch {
      // A buffer that cannot be handed over (Node's pool, say) is copied instead.
      worker.postMessage({ id, request })
    }
  }

  private receive(data: unknown): void {
    const parsed = WorkerMessage.safeParse(data)
    if (!parsed.success) {
      this.hooks.log(`The cache writer sent a malformed reply: ${parsed.error.issues[0]?.message}`)
      return
    }
    const message = parsed.data
    if (message.type === 'ready') {
      this.ready = true
      this.early.clear()
      for (const queued of this.waiting.splice(0)) this.post(queued)
      // Ended before it was ready: what it was sent is applied, then it goes.
      if (this.done) this.worker?.postMessage('close')
      return
    }
    if (message.type === 'fatal') {
      if (this.ready) this.hooks.log(`The cache writer reported: ${message.message}`)
      else this.fail(`it could not start: ${message.message}`)
      return
    }
    if (message.type === 'page') {
      this.posted.get(message.id)?.found?.(message.page)
      return
    }
    const waiter = this.posted.get(message.id)
    this.posted.delete(message.id)
    if (message.type === 'done') waiter?.resolve(message.result)
    else waiter?.reject(fromFailure(message.error))
    this.hooks.settled(this.busy === 0)
  }

  /** Gone unasked (or failed to start): nothing more is sent to it. */
  private fail(why: string): void {
    if (this.gone) return
    this.gone = true
    const asked = this.done
    this.done = true
    // A worker that never said ready applied nothing, whatever was posted to it.
    const unsent = [...(this.ready ? [] : this.early.values()), ...this.waiting.splice(0)]
    this.early.clear()
    if (!this.ready) this.posted.clear()
    const error = new Error(`The cache writer stopped: ${why}`)
    for (const waiter of this.posted.values()) waiter.reject(error)
    this.posted.clear()
    void this.worker?.terminate()
    if (!asked || unsent.length > 0) this.hooks.lost(why, unsent)
  }
}
