import { describe, expect, it } from 'vitest'
import { fuzzyMatch, highlightRuns, rankFuzzy } from '../../src-renderer/lib/fuzzy'

const picked = (query: string, text: string): string =>
  (fuzzyMatch(query, text)?.positions ?? []).map((i) => text[i]).join('')

describe('the palette’s fuzzy matcher', () => {
  it('finds letters in order, across separators and case', () => {
    expect(fuzzyMatch('edlb', 'edge-lab')).not.toBeNull()
    expect(picked('edlb', 'edge-lab')).toBe('edlb')
    expect(fuzzyMatch('EDLB', 'edge-lab')).not.toBeNull()
    expect(fuzzyMatch('ci run', 'ci-runners')).not.toBeNull()
    expect(fuzzyMatch('cyim', 'Cycle images')).not.toBeNull()
  })

  it('refuses letters out of order or missing', () => {
    expect(fuzzyMatch('bl', 'edge-lab')).toBeNull()
    expect(fuzzyMatch('edgex', 'edge-lab')).toBeNull()
    expect(fuzzyMatch('edge-labs', 'edge-lab')).toBeNull()
  })

  it('places letters where they score best, not merely first', () => {
    // The first "l" is in "alex"; the word "lab" is the better place for "lab".
    expect(fuzzyMatch('lab', 'alex-lab')!.positions).toEqual([5, 6, 7])
    expect(fuzzyMatch('img', 'Cycle images')!.positions).toEqual([6, 7, 9])
  })

  it('ranks word starts, runs and short names above scattered letters', () => {
    const names = [
      'stopped-cluster-edge-old-lab',
      'seeded-lab-b',
      'edge-lab',
      'Stop cluster edge-lab'
    ]
    expect(rankFuzzy('edlb', names, (n) => n).map((r) => r.item)[0]).toBe('edge-lab')
    expect(rankFuzzy('clu', ['Cycle images', 'Clusters'], (n) => n)[0]!.item).toBe('Clusters')
    // An exact name beats a longer one holding it.
    expect(rankFuzzy('alex', ['alex-2', 'alex'], (n) => n)[0]!.item).toBe('alex')
  })

  it('keeps the given order among equals and stops at the limit', () => {
    const ranked = rankFuzzy('', ['Nodes', 'Clusters', 'Images'], (n) => n, 2)
    expect(ranked.map((r) => r.item)).toEqual(['Nodes', 'Clusters'])
  })

  it('cuts the text into runs for highlighting', () => {
    const text = 'edge-lab'
    expect(highlightRuns(text, fuzzyMatch('edlb', text)!.positions)).toEqual([
      { text: 'ed', hit: true },
      { text: 'ge-', hit: false },
      { text: 'l', hit: true },
      { text: 'a', hit: false },
      { text: 'b', hit: true }
    ])
  })
})
