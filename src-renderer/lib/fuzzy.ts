/**
 * A subsequence matcher for the command palette: "edlb" finds "edge-lab". Every letter of the
 * query must appear in order; matches that start words, follow each other or come early score
 * higher, so the name a user half-remembers ranks above one that merely contains the letters.
 */

export interface FuzzyMatch {
  score: number
  /** Where the query's letters were found in the text, for highlighting. */
  positions: number[]
}

const isBoundary = (text: string, i: number): boolean => {
  if (i === 0) return true
  const before = text[i - 1]!
  const here = text[i]!
  // After a separator, or a capital after a lower-case letter ("cycleImages").
  return /[\s\-_./:@]/.test(before) || (/[a-z]/.test(before) && /[A-Z]/.test(here))
}

/**
 * Where each query letter goes, chosen by dynamic programming over (query letter, text position):
 * the best-scoring placement, not just the first one, so "lab" in "alex-lab" lands on "lab".
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = query.replace(/\s+/g, '').toLowerCase()
  if (q === '') return { score: 0, positions: [] }
  const t = text.toLowerCase()
  const n = t.length
  const m = q.length
  if (m > n) return null

  const NONE = -Infinity
  // best[i][j]: the best score with query[0..i] placed and query[i] at text[j].
  const best: number[][] = []
  const from: number[][] = []
  for (let i = 0; i < m; i++) {
    const row = new Array<number>(n).fill(NONE)
    const back = new Array<number>(n).fill(-1)
    let runBest = NONE
    let runAt = -1
    for (let j = i; j < n; j++) {
      // The best placement of the previous letter strictly before j.
      if (i > 0 && j > 0 && best[i - 1]![j - 1]! > runBest) {
        runBest = best[i - 1]![j - 1]!
        runAt = j - 1
      }
      if (t[j] !== q[i]) continue
      const bonus = isBoundary(text, j) ? 8 : 0
      if (i === 0) {
        // Earlier is better, a little: "lab" before "label-lab".
        row[j] = 10 + bonus - Math.min(j, 10) * 0.5
        continue
      }
      const adjacent = best[i - 1]![j - 1] ?? NONE
      const consecutive = adjacent === NONE ? NONE : adjacent + 10 + 6 + bonus
      const gapped = runBest === NONE ? NONE : runBest + 10 + bonus - Math.min(j - runAt - 1, 6)
      if (consecutive >= gapped && consecutive !== NONE) {
        row[j] = consecutive
        back[j] = j - 1
      } else if (gapped !== NONE) {
        row[j] = gapped
        back[j] = runAt
      }
    }
    best.push(row)
    from.push(back)
  }

  const last = best[m - 1]!
  let end = -1
  for (let j = 0; j < n; j++) if (last[j]! !== NONE && (end < 0 || last[j]! > last[end]!)) end = j
  if (end < 0) return null

  const positions: number[] = []
  for (let i = m - 1, j = end; i >= 0; j = from[i]![j]!, i--) positions.unshift(j)
  // A whole match, or one covering most of a short name, beats the same letters in a long one.
  const score = last[end]! - (n - m) * 0.1 + (n === m ? 20 : 0)
  return { score, positions }
}

export interface Ranked<T> {
  item: T
  match: FuzzyMatch
}

/**
 * The items whose text matches, best first; ties keep the order they came in (views before
 * clusters, say), so the list does not shuffle between keystrokes.
 */
export function rankFuzzy<T>(
  query: string,
  items: readonly T[],
  text: (item: T) => string,
  limit = Infinity
): Ranked<T>[] {
  const ranked: Array<Ranked<T> & { index: number }> = []
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, text(item))
    if (match) ranked.push({ item, match, index })
  })
  ranked.sort((a, b) => b.match.score - a.match.score || a.index - b.index)
  return ranked.slice(0, limit).map(({ item, match }) => ({ item, match }))
}

/** Text cut into runs, each marked whether it holds matched letters (for `<mark>`). */
export function highlightRuns(
  text: string,
  positions: readonly number[]
): Array<{ text: string; hit: boolean }> {
  const hits = new Set(positions)
  const runs: Array<{ text: string; hit: boolean }> = []
  for (let i = 0; i < text.length; i++) {
    const hit = hits.has(i)
    const last = runs[runs.length - 1]
    if (last && last.hit === hit) last.text += text[i]
    else runs.push({ text: text[i]!, hit })
  }
  return runs
}
