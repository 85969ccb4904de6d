import type { AgentEvent } from '@contract'
import type { Db } from '../cache/db'
import { cachedOverview, type CachedOverview } from '../cache/overview'

const MINUTE = 60_000

/**
 * The Overview's figures, read from the cache once per change rather than once per call: its
 * aggregates walk every Cycle image (bytes per source), tens of milliseconds at 100k rows, and
 * every open window asks again on each event. Rows change only with `changed` and `accounts`
 * events, which drop what is held; the hub-jobs window moves by the minute, so a held answer is
 * at most a minute behind it.
 */
export class OverviewMemo {
  #held: { key: string; figures: CachedOverview[] } | null = null

  constructor(private readonly db: Db) {}

  /** Figures for `accountIds`, hub jobs counted from `days` days ago (to the minute); and that start. */
  get(accountIds: readonly string[], days: number): { figures: CachedOverview[]; since: number } {
    const since = Math.floor((Date.now() - days * 86_400_000) / MINUTE) * MINUTE
    const key = `${since}\n${accountIds.join('\n')}`
    if (this.#held?.key !== key) {
      this.#held = { key, figures: cachedOverview(this.db, accountIds, since) }
    }
    return { figures: this.#held.figures, since }
  }

  /** Told of every agent event: a change to rows or accounts makes the held figures stale. */
  observe(event: AgentEvent): void {
    if (event.type === 'changed' || event.type === 'accounts') this.#held = null
  }
}
