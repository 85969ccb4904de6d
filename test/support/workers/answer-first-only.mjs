// A sync worker that answers its first request and none after (until told to close): whatever is
// posted later stays unanswered for as long as a test needs to look at the sending side.
import { parentPort } from 'node:worker_threads'

const nothing = { inserted: 0, updated: 0, removed: 0, unchanged: 0, changed: [], gone: [] }
let answered = false
parentPort.on('message', (message) => {
  if (message === 'close') process.exit(0)
  // The cache file it is told to open first: nothing to open here.
  if (message?.open) return
  if (answered) return
  answered = true
  parentPort.postMessage({ type: 'done', id: message.id, result: { rows: 0, summary: nothing } })
})
parentPort.postMessage({ type: 'ready' })
