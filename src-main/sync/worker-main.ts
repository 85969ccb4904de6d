import { parentPort } from 'node:worker_threads'
import { openDatabase } from '../cache/db'
import { SyncApplier } from './apply'
import { checkpointNow, deferCheckpoints, WAL_BOUND_BYTES } from './checkpoints'
import { collectGarbage } from './collect-garbage'
import { toFailure } from './failure'
import { Envelope, type PageFound, type WorkerMessage } from './protocol'
import { WorkerOptions } from './worker-options'
import { tuneWriterConnection } from './writer-memory'

// The sync worker: owns the cache's writer connection, so that parsing, validating, diffing and
// writing a large sync never stall the thread that answers the UI. Requests are applied strictly
// in the order they were posted, which keeps a refresh and the updates around it in order.

/**
 * A qbo reply past which its garbage is collected straight after it is written. Not sets: one
 * large set is the whole sync (nothing queued behind it to start from a smaller heap), and a
 * full collection of a large heap, parallel on a two-core machine, is felt by the serving thread.
 */
const LARGE_REPLY_BYTES = 4 * 1024 * 1024

if (!parentPort) throw new Error('sync-worker runs only as a worker thread')
const port = parentPort
const post = (message: WorkerMessage): void => port.postMessage(message)

// Its code loads before it knows its file (see early-writer.ts): the first message names it.
port.once('message', (first: unknown) => open((first as { open?: unknown } | null)?.open))

function open(given: unknown): void {
  try {
    serve(WorkerOptions.parse(given))
    post({ type: 'ready' })
  } catch (error) {
    post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) })
  }
}

function serve(options: WorkerOptions): void {
  const db = openDatabase(
    options.file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  )
  tuneWriterConnection(db)
  deferCheckpoints(db, WAL_BOUND_BYTES)
  const applier = new SyncApplier(db)
  port.on('message', (data: unknown) => {
    if (data === 'close') {
      // What the last sync parsed is dead: freed first, so the closing work runs without it.
      collectGarbage('now')
      try {
        applier.close()
        checkpointNow(db)
      } finally {
        db.close()
      }
      port.close()
      return
    }
    const envelope = Envelope.safeParse(data)
    if (!envelope.success) {
      const id = (data as { id?: unknown } | null)?.id
      const message = `The cache writer got a malformed request: ${envelope.error.issues[0]?.message ?? 'invalid'}`
      if (typeof id === 'number') post({ type: 'failed', id, error: { kind: 'protocol', message } })
      else post({ type: 'fatal', message })
      return
    }
    const { id, request } = envelope.data
    try {
      const found = (page: PageFound): void => post({ type: 'page', id, page })
      post({ type: 'done', id, result: applier.apply(request, found) })
    } catch (error) {
      post({ type: 'failed', id, error: toFailure(error) })
    }
    // A large reply leaves its parse behind as garbage, and V8 sizes the next collection from
    // the heap it last saw: freed now (after the answer left, so the serving thread does not
    // wait), the next reply of the refresh is parsed from a small heap and the peak stays one
    // reply's rather than the sum of them.
    if (request.op === 'qboReply' && request.bytes.byteLength >= LARGE_REPLY_BYTES) {
      collectGarbage('now')
    }
  })
}
