// How a Cycle list is read page by page: the platform gives no total, so paging decides from what
// each page held when to stop, and how many pages to have in flight meanwhile.
import type { PageTaken } from '../session'

export interface ListOptions<T = unknown> {
  /** At most this many entries, read in as few pages as that takes. */
  limit?: number
  /** Told why a list ended before the server said it had (what was read so far is returned). */
  cut?: (why: string) => void
  /**
   * Takes each page's new entries as it comes, in order; the list then resolves empty. A promise
   * holds the next page back until it settles (the writer is behind).
   */
  each?: (items: T[]) => void | Promise<void>
}

/** What paging needs of a page once it has been taken. */
export type Taken = Pick<PageTaken, 'items' | 'fresh' | 'taken'>

/** How far and how wide a list is read (see CycleApiOptions). */
export interface PagingLimits {
  pageSize: number
  maxRows: number
  maxPages: number
  /** Pages in flight at once, once the server has shown it pages. */
  concurrency: number
}

/**
 * Pages read by the caller, parsed and checked on its thread: `each` takes them, or they are
 * returned. `pages` is `readPages` with the caller's limits.
 */
export async function readParsedPages<T extends { id: string }>(
  pages: (
    page: (number: number, size: number) => Promise<T[]>,
    take: (items: T[], room: number) => Promise<Taken>,
    options: Pick<ListOptions, 'limit' | 'cut'>
  ) => Promise<void>,
  page: (number: number, size: number) => Promise<T[]>,
  { limit, cut, each }: ListOptions<T>
): Promise<T[]> {
  const all: T[] = []
  const seen = new Set<string>()
  const take = async (items: T[], room: number): Promise<Taken> => {
    const fresh = items.filter((item) => !seen.has(item.id))
    for (const item of fresh) seen.add(item.id)
    const kept = fresh.slice(0, Math.max(0, room))
    if (each) await each(kept)
    else all.push(...kept)
    return { items: items.length, fresh: fresh.length, taken: kept.length }
  }
  await pages(page, take, {
    ...(limit === undefined ? {} : { limit }),
    ...(cut ? { cut } : {})
  })
  return all
}

/**
 * Pages until a short page: the platform gives no total count. A server that ignores
 * `page[number]` (the same page every time) or pages forever must not make this endless: it
 * stops at a page that brings nothing new, or past a ceiling, and says so through `cut`.
 * Pages 1 and 2 are read one after the other (they show whether the server pages at all); from
 * then on up to `concurrency` pages are in flight, taken in order as they come. `take` keeps
 * at most `room` new entries of a page and says what it held.
 */
export async function readPages<P>(
  { pageSize, maxRows, maxPages, concurrency }: PagingLimits,
  noun: string,
  page: (number: number, size: number) => Promise<P>,
  take: (page: P, room: number) => Promise<Taken>,
  { limit = Infinity, cut }: Pick<ListOptions, 'limit' | 'cut'>
): Promise<void> {
  const size = Math.max(1, Math.min(pageSize, limit))
  const ceiling = Math.min(limit, maxRows)
  // Never ask for a page past the ceiling: its rows would be thrown away.
  const lastPage = Math.min(maxPages, Math.ceil(ceiling / size))
  let kept = 0
  const inFlight = new Map<number, Promise<P>>()
  let asked = 0
  const ask = (upTo: number): void => {
    while (asked < Math.min(upTo, lastPage)) {
      asked++
      const pending = page(asked, size)
      // Pages asked for ahead and then not needed must not become unhandled rejections.
      pending.catch(() => {})
      inFlight.set(asked, pending)
    }
  }
  for (let number = 1; ; number++) {
    ask(number <= 2 ? number : number - 1 + concurrency)
    const body = await inFlight.get(number)!
    inFlight.delete(number)
    const { items, fresh, taken } = await take(body, ceiling - kept)
    if (number > 1 && items > 0 && fresh === 0) {
      cut?.(
        `Cycle answered page ${number} of its ${noun} with entries it had already sent (it seems to ignore paging), so Berth stopped at ${kept}; the list may be incomplete`
      )
      break
    }
    kept += taken
    if (items < size || kept >= limit) break
    if (kept >= ceiling || number >= lastPage) {
      cut?.(
        `Cycle’s list of ${noun} went on past ${Math.min(kept, ceiling).toLocaleString('en')} entries in ${number} pages, so Berth stopped there; the list may be incomplete`
      )
      break
    }
  }
}
