/**
 * The arithmetic of a windowed log: every line has the same height, so which lines a scroll
 * position shows is a division, and only those (plus a margin) are ever in the DOM.
 */

export const LOG_LINE_PX = 18
/** Lines drawn above and below the visible ones, so a quick scroll does not show blanks. */
export const LOG_OVERSCAN = 30
/** When the viewport has no height yet (not laid out), assume this many lines are visible. */
export const FALLBACK_VIEWPORT_LINES = 40
/** Search stops counting here; the rest of a huge log is not worth the time. */
export const MAX_MATCHES = 10_000

export interface LineWindow {
  /** First line drawn (0-based). */
  start: number
  /** One past the last line drawn. */
  end: number
}

export function lineWindow(
  scrollTop: number,
  viewportPx: number,
  total: number,
  lineHeight = LOG_LINE_PX,
  overscan = LOG_OVERSCAN
): LineWindow {
  const height = viewportPx > 0 ? viewportPx : FALLBACK_VIEWPORT_LINES * lineHeight
  const first = Math.floor(Math.max(0, scrollTop) / lineHeight)
  const visible = Math.ceil(height / lineHeight) + 1
  const start = Math.max(0, Math.min(first, total) - overscan)
  const end = Math.min(total, first + visible + overscan)
  return { start, end: Math.max(start, end) }
}

/** One entry per line; a final newline does not make an empty last line. */
export function splitLines(log: string): string[] {
  if (log === '') return []
  const lines = log.split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Indexes of the lines containing `query`, ignoring case; at most `MAX_MATCHES`. */
export function findMatches(lines: readonly string[], query: string): number[] {
  const needle = query.toLowerCase()
  if (needle === '') return []
  const found: number[] = []
  for (let i = 0; i < lines.length && found.length < MAX_MATCHES; i++) {
    if (lines[i]!.toLowerCase().includes(needle)) found.push(i)
  }
  return found
}

export interface Segment {
  text: string
  hit: boolean
}

/** A line cut into plain and matching parts, for highlighting. */
export function highlight(line: string, query: string): Segment[] {
  if (query === '') return [{ text: line, hit: false }]
  const lower = line.toLowerCase()
  const needle = query.toLowerCase()
  const segments: Segment[] = []
  let at = 0
  for (let hit = lower.indexOf(needle); hit !== -1; hit = lower.indexOf(needle, at)) {
    if (hit > at) segments.push({ text: line.slice(at, hit), hit: false })
    segments.push({ text: line.slice(hit, hit + needle.length), hit: true })
    at = hit + needle.length
  }
  if (at < line.length || segments.length === 0) segments.push({ text: line.slice(at), hit: false })
  return segments
}

/** The scroll position that puts a line in the middle of the viewport. */
export function scrollToCenter(line: number, viewportPx: number, lineHeight = LOG_LINE_PX): number {
  return Math.max(0, line * lineHeight - Math.max(0, viewportPx - lineHeight) / 2)
}
