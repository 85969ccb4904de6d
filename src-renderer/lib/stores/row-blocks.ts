/**
 * Which fixed-size blocks of a long list to fetch and which to let go, given the rows in view.
 * Pure arithmetic, so the windowing rules can be checked without a DOM or an agent.
 */

/** Rows per query: the contract's `limit` for one block. */
export const BLOCK_SIZE = 100
/** Rows fetched beyond each edge of the view, so a scroll rarely reaches an unloaded row. */
export const LOOKAHEAD = 50
/** Blocks kept beyond the fetched ones before they are dropped; scrolling back is then free. */
export const KEEP_BLOCKS = 2

export interface RowRange {
  /** First row in view. */
  start: number
  /** One past the last row in view. */
  end: number
}

/** Blocks covering the view plus the lookahead; only block 0 while the total is not known. */
export function wantedBlocks(view: RowRange, total: number | null, size = BLOCK_SIZE): number[] {
  if (total === null) return [0]
  if (total === 0) return [0]
  const last = Math.floor((total - 1) / size)
  const first = clamp(Math.floor((view.start - LOOKAHEAD) / size), 0, last)
  const end = clamp(
    Math.floor((Math.max(view.end, view.start + 1) - 1 + LOOKAHEAD) / size),
    0,
    last
  )
  const blocks: number[] = []
  for (let b = first; b <= end; b++) blocks.push(b)
  return blocks
}

/** A cached block is dropped once it is more than KEEP_BLOCKS away from every wanted one. */
export function keepBlock(block: number, wanted: readonly number[]): boolean {
  const first = wanted[0] ?? 0
  const last = wanted[wanted.length - 1] ?? 0
  return block >= first - KEEP_BLOCKS && block <= last + KEEP_BLOCKS
}

function clamp(n: number, low: number, high: number): number {
  return Math.min(Math.max(n, low), high)
}
