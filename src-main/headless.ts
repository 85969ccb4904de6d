import { resolve } from 'node:path'
import { stopOnSignals } from './agent/host-stop'
import { builtWorker, startWriterEarly } from './sync/early-writer'

// Headless mode (headless/run.ts). This entry stays small: the sync worker starts before the
// agent's code has loaded, so that the two compile side by side.

// Installed before anything starts: a caller may signal as soon as it sees the process.
const stop = stopOnSignals({ exit: (code) => process.exit(code), warn: console.error })
startWriterEarly(builtWorker(import.meta.dirname))
const { runHeadless } = await import('./headless/run')
runHeadless(process.argv.slice(2), stop, {
  rendererDir: resolve(import.meta.dirname, '../renderer')
})
