import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { WRITER_RESOURCE_LIMITS } from './writer-memory'

// Kept small, and free of zod and the cache: a host imports it before the rest of the agent.

/**
 * The sync worker's bundle beside the bundle in `dir`: out/main/sync-worker.js, next to an entry
 * or one folder up from a shared chunk (out/main/chunks/). Under vitest (TypeScript sources)
 * there is none.
 */
export function builtWorker(dir: string): string | undefined {
  return [join(dir, 'sync-worker.js'), join(dir, '..', 'sync-worker.js')].find((f) => existsSync(f))
}

/** Starts a sync worker thread: it loads its code, then waits to be told which file to open. */
export function spawnWriter(file: string): Worker {
  return new Worker(resolve(file), { resourceLimits: WRITER_RESOURCE_LIMITS })
}

interface Early {
  file: string
  worker: Worker
  alive: boolean
}

let early: Early | null = null

/**
 * Starts the sync worker before the agent's own code has loaded: compiling the worker's code
 * and schemas takes ~100 ms, which otherwise came after the first sync's first page had already
 * arrived (it waited 50–90 ms for the worker on a two-core machine). The first writer thread
 * adopts it (`takeEarlyWriter`). Until then it opens no file and keeps no process alive.
 * Returns the worker it started (null: one was already started, or none could be).
 */
export function startWriterEarly(file: string | undefined): Worker | null {
  if (early || !file) return null
  let worker: Worker
  try {
    worker = spawnWriter(file)
  } catch {
    // Whoever needs a writer starts one then, and says why if that fails too.
    return null
  }
  worker.unref()
  const started: Early = { file: resolve(file), worker, alive: true }
  const lost = (): void => {
    started.alive = false
  }
  worker.once('error', lost)
  worker.once('exit', lost)
  early = started
  return worker
}

/**
 * The worker `startWriterEarly` started for `file`, once, if it is still alive; one started for
 * another file is ended.
 */
export function takeEarlyWriter(file: string): Worker | null {
  const taken = early
  early = null
  if (!taken) return null
  if (taken.alive && taken.file === resolve(file)) {
    taken.worker.ref()
    return taken.worker
  }
  void taken.worker.terminate()
  return null
}
