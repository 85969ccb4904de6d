// Preloaded into the headless agent by `npm run bench` (node --import), enabled by
// BERTH_BENCH_PROBE=<file>: watches the serving thread's event loop and the heap from inside, and
// on SIGUSR2 writes what it saw since the last signal to that file, then starts afresh. It also
// counts the worker threads alive (the sync writer), so RSS can be read once the writer has gone.
import { writeFileSync } from 'node:fs'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const out = process.env.BERTH_BENCH_PROBE
let workers = 0
if (out) {
  // Loaded before the agent: its `import { Worker } from 'node:worker_threads'` gets this one.
  const threads = createRequire(import.meta.url)('node:worker_threads')
  const Base = threads.Worker
  threads.Worker = class CountedWorker extends Base {
    constructor(...args) {
      super(...args)
      workers++
      this.once('exit', () => workers--)
    }
  }
  syncBuiltinESMExports()

  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  let peakHeap = 0
  const sample = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
  }, 50)
  sample.unref()
  let seq = 0
  process.on('SIGUSR2', () => {
    const memory = process.memoryUsage()
    const report = {
      seq: ++seq,
      // The timer fires `resolution` late at best: what is left is time the loop was blocked.
      maxBlockMs: Math.max(0, delay.max / 1e6 - 5),
      heapUsed: memory.heapUsed,
      peakHeap: Math.max(peakHeap, memory.heapUsed),
      rss: memory.rss,
      heapTotal: memory.heapTotal,
      external: memory.external,
      /** Worker threads alive (started and not yet exited). */
      workers
    }
    writeFileSync(out, JSON.stringify(report))
    delay.reset()
    peakHeap = memory.heapUsed
  })
}
