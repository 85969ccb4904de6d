import type { Db } from '../cache/db'
import { catchUpSearch } from '../cache/search-catch-up'

/** How long the writer must have been idle before the trigram indexes catch up. */
export const IDLE_MS = 100
/** How long a closing writer goes on catching up at most (100k nodes + 100k pods: ~3 s). */
export const FINISH_BUDGET_MS = 60_000
/** A closing writer's batches are larger: nothing waits on it, and fewer commits cost less. */
const FINISH_ROWS = 20_000

/**
 * Keeps the trigram indexes caught up with the writer's connection without holding up a sync:
 * each write postpones the catch-up until writes pause, which then runs in bounded batches (one
 * transaction each), so a write that arrives meanwhile waits for one batch at most. Its timers
 * never keep the thread alive, and a closed connection ends it.
 */
export class SearchUpkeep {
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly db: Db,
    private readonly idleMs = IDLE_MS
  ) {}

  /** A write happened (or may have been left from a previous run): catch up once idle. */
  poke(): void {
    this.arm(this.idleMs)
  }

  /**
   * The connection is about to close (the writer thread ends): catch up now, for at most
   * `budgetMs`, since no idle moment will come; whatever is left waits for the next writer.
   */
  finish(budgetMs = FINISH_BUDGET_MS): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const until = performance.now() + budgetMs
    try {
      while (this.db.open && performance.now() < until && catchUpSearch(this.db, FINISH_ROWS));
    } catch {
      // As in step(): the next writer tries again.
    }
  }

  private arm(delay: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.step(), delay)
    this.timer.unref()
  }

  private step(): void {
    this.timer = null
    if (!this.db.open) return
    let more: boolean
    try {
      more = catchUpSearch(this.db)
    } catch {
      // Searches stay right without the index (they read the marked rows); the next write
      // tries again.
      return
    }
    if (more) this.arm(0)
  }
}
