import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { OpenOptions } from './db'
import { damageMarkerOf } from './recover'

export type IntegrityOutcome =
  | { state: 'ok' }
  /** The marker is written: the next start moves the cache aside and syncs afresh. */
  | { state: 'damaged'; damage: string }
  /** The check could not run (the file vanished, no permission): nothing is known. */
  | { state: 'failed'; error: string }
  | { state: 'stopped' }

export interface IntegrityCheck {
  readonly done: Promise<IntegrityOutcome>
  /** Cancels a check not yet begun, ends a running one; resolves once its thread is gone. */
  stop(): Promise<void>
}

export interface IntegrityCheckOptions extends OpenOptions {
  /** Wait before starting, so the check does not compete with start-up. */
  delayMs?: number
}

/**
 * Runs in its own thread, so that a page walk of seconds never blocks the thread that serves.
 * Plain CommonJS (an eval worker): it needs no build entry of its own. A read-only connection
 * sees the last committed state through WAL and never holds a writer up.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
let db
try {
  const options = { readonly: true, fileMustExist: true }
  if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding
  db = new Database(workerData.file, options)
  // No function of Berth's needed: no index is built on one (migration 9 stores the
  // natural-order keys in plain columns).
  const rows = db.pragma('integrity_check(20)').map((row) => String(row.integrity_check))
  parentPort.postMessage(rows.length === 1 && rows[0] === 'ok'
    ? { state: 'ok' }
    : { state: 'damaged', damage: rows.join('; ').replace(/\\s+/g, ' ').slice(0, 300) })
} catch (error) {
  const code = String((error && error.code) || '')
  const message = String((error && error.message) || error)
  parentPort.postMessage(/^SQLITE_(CORRUPT|NOTADB)/.test(code)
    ? { state: 'damaged', damage: message } : { state: 'failed', error: message })
} finally {
  if (db) db.close()
}
`

function runWorker(file: string, options: OpenOptions, onWorker: (w: Worker) => void) {
  return new Promise<IntegrityOutcome>((resolve) => {
    const module = createRequire(import.meta.url).resolve('better-sqlite3')
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, module, nativeBinding: options.nativeBinding }
    })
    // A check must never keep a stopping Berth alive.
    worker.unref()
    onWorker(worker)
    let outcome: IntegrityOutcome = { state: 'stopped' }
    worker.on('message', (message: IntegrityOutcome) => (outcome = message))
    worker.on('error', (error) => (outcome = { state: 'failed', error: error.message }))
    worker.on('exit', () => resolve(outcome))
  })
}

/**
 * The full `integrity_check` of the cache, in the background. On damage it leaves a marker next
 * to the file: moving the cache aside now would pull it from under the connections that use it,
 * so the next start does that (see openCacheChecked).
 */
export function startIntegrityCheck(
  file: string,
  options: IntegrityCheckOptions = {}
): IntegrityCheck {
  let stopped = false
  let worker: Worker | undefined
  let timer: NodeJS.Timeout | undefined
  let wake: (() => void) | undefined
  const done = (async (): Promise<IntegrityOutcome> => {
    await new Promise<void>((resolve) => {
      wake = resolve
      timer = setTimeout(resolve, options.delayMs ?? 0)
      timer.unref()
    })
    if (stopped) return { state: 'stopped' }
    let outcome: IntegrityOutcome
    try {
      outcome = await runWorker(file, options, (w) => (worker = w))
    } catch (error) {
      // No worker (the addon cannot be found from here): the check is skipped, never fatal.
      return { state: 'failed', error: (error as Error).message }
    }
    if (stopped) return { state: 'stopped' }
    if (outcome.state === 'damaged') {
      try {
        writeFileSync(damageMarkerOf(file), `${outcome.damage}\n`)
      } catch (error) {
        return {
          state: 'failed',
          error: `${outcome.damage}; the marker could not be written: ${(error as Error).message}`
        }
      }
    }
    return outcome
  })()
  return {
    done,
    async stop() {
      stopped = true
      clearTimeout(timer)
      wake?.()
      await worker?.terminate()
      await done
    }
  }
}
