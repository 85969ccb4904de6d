import { randomUUID } from 'node:crypto'
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { StartupError } from './startup-error'

export const LOCK_FILE = 'berth.lock'

const Holder = z.object({
  pid: z.number().int().positive(),
  startedAt: z.number(),
  /** Tells this start from an earlier one that got the same pid (pid 1 in every container). */
  token: z.string()
})
type Holder = z.infer<typeof Holder>

export interface DataLock {
  readonly file: string
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void
}

/** Locks taken by this process: a second agent in one process is a second Berth too. */
const heldHere = new Map<string, string>()

/** A lock left behind by a process.exit (a signal during start-up) is removed on the way out. */
let exitHookInstalled = false
function removeHeldOnExit(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const [file, token] of heldHere) removeIfOurs(file, token)
  })
}

/**
 * Makes this process the only Berth using `dir`: two Berths on one data folder would both run
 * the queued actions in its outbox. No native locks: the lock file is made whole and then linked
 * into place (a link fails if the name is taken), so a reader never sees half of it. A lock whose
 * process is gone is moved aside and checked to be the one judged stale before it is replaced.
 */
export function acquireDataLock(dir: string, now = Date.now()): DataLock {
  const file = join(dir, LOCK_FILE)
  const mine: Holder = { pid: process.pid, startedAt: now, token: randomUUID() }
  const draft = `${file}.${mine.token}`
  try {
    writeFileSync(draft, JSON.stringify(mine), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    throw new StartupError(
      `Berth cannot write its lock file in ${dir} (${(error as NodeJS.ErrnoException).code}): give this user write access to the folder.`
    )
  }
  try {
    // Bounded: each round either takes the lock, finds a live holder, or clears a stale one.
    for (let round = 0; round < 5; round++) {
      if (place(draft, file, mine)) {
        heldHere.set(file, mine.token)
        removeHeldOnExit()
        return {
          file,
          release() {
            if (heldHere.get(file) !== mine.token) return
            heldHere.delete(file)
            removeIfOurs(file, mine.token)
          }
        }
      }
      const holder = read(file)
      if (holder === 'gone') continue
      if (holder !== 'unreadable' && alive(holder)) {
        throw new StartupError(
          `Berth is already running with this data folder (pid ${holder.pid}); use that one, or if no Berth is running, delete ${file}.`
        )
      }
      clearStale(file, holder)
    }
    throw new StartupError(
      `Berth could not take the lock ${file}: other processes keep replacing it; stop them and start again.`
    )
  } catch (error) {
    if (error instanceof StartupError) throw error
    throw new StartupError(`Berth cannot use its lock file ${file}: ${(error as Error).message}.`)
  } finally {
    unlinkQuietly(draft)
  }
}

/** Puts our lock in place unless one is there; false if one is. */
function place(draft: string, file: string, mine: Holder): boolean {
  try {
    linkSync(draft, file)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    // A file system without hard links (FAT, some shares): exclusive create, written at once.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS')
      throw error
  }
  try {
    writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function read(file: string): Holder | 'gone' | 'unreadable' {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    throw error
  }
  try {
    const parsed = Holder.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : 'unreadable'
  } catch {
    return 'unreadable'
  }
}

function alive(holder: Holder): boolean {
  // Our own pid in the file: held by this process only if we took it (else a restart reused it).
  if (holder.pid === process.pid) return [...heldHere.values()].includes(holder.token)
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Moves the stale lock aside under a name of our own, then checks that what moved is the lock
 * judged stale: if another starter replaced it in between, that fresh lock is put back.
 */
function clearStale(file: string, judged: Holder | 'unreadable'): void {
  const aside = `${file}.stale-${randomUUID()}`
  try {
    renameSync(file, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const moved = read(aside)
  const same =
    judged === 'unreadable'
      ? moved === 'unreadable'
      : moved !== 'gone' && moved !== 'unreadable' && moved.token === judged.token
  if (!same) {
    try {
      linkSync(aside, file)
    } catch {
      // Someone took the lock meanwhile: theirs stands, and the next round reads it.
    }
  }
  unlinkQuietly(aside)
}

function removeIfOurs(file: string, token: string): void {
  try {
    const holder = read(file)
    if (holder !== 'gone' && holder !== 'unreadable' && holder.token === token) unlinkSync(file)
  } catch {
    // Unreadable or already gone: the next start judges it by its pid.
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // Already gone.
  }
}
