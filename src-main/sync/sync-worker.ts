import { lowerWriterPriority } from './writer-priority'

// The sync worker's entry. Its priority is lowered before its code loads (worker-main.ts): a
// worker started beside the agent's own start (early-writer.ts) then compiles on what the
// serving thread leaves, instead of holding back the agent's first request.
lowerWriterPriority()
await import('./worker-main')
