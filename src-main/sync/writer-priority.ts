import { getPriority, setPriority } from 'node:os'

/**
 * How much nicer than the agent the writer thread runs: a large sync then takes the cores the
 * serving thread and a page loading in the browser leave, rather than halving theirs.
 */
export const WRITER_NICENESS = 5

/**
 * Lowers the calling thread's priority on Linux, where the nice value is per thread (setpriority
 * on pid 0 changes only the caller, see man 2 setpriority): called from the writer thread, the
 * serving thread keeps its own. Elsewhere it would lower the whole agent, so it does nothing.
 */
export function lowerWriterPriority(): void {
  if (process.platform !== 'linux') return
  try {
    setPriority(0, Math.min(19, getPriority(0) + WRITER_NICENESS))
  } catch {
    // Refused (a seccomp profile, say): the writer runs at the agent's priority, as before.
  }
}
