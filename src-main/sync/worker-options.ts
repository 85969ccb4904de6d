import { z } from 'zod'

/** What the sync worker is started with. */
export const WorkerOptions = z.object({
  /** The cache file (WAL): the worker opens its own writer connection to it. */
  file: z.string().min(1),
  /** Electron's build of better-sqlite3, when that is not the one under node_modules. */
  nativeBinding: z.string().optional()
})
export type WorkerOptions = z.infer<typeof WorkerOptions>
