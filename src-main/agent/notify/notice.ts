import type { NoticeKind, NoticeLevel, ViewTarget } from '@contract'

/** One piece of news, before coalescing. */
export interface Notice {
  kind: NoticeKind
  level: NoticeLevel
  /** The same key again within the cooldown is the same news: it is dropped. */
  key: string
  title: string
  body: string
  target: ViewTarget
  /** What it is about, in a word or two ("web-1"); a burst lists these. */
  subject: string
  /**
   * For resource news: what a job would name as its target (a cluster, an image), and whether it
   * is an image (a prune acts on images it does not name).
   */
  about?: { accountId: string; name: string; image?: boolean }
  burst: Burst
}

/** Notices sharing a burst key within one window become a single entry. */
export interface Burst {
  key: string
  /** The entry's title when it stands for `count` (> 1) notices, e.g. "12 images removed". */
  title(count: number): string
  target: ViewTarget
}

const severity: Record<NoticeLevel, number> = { info: 0, success: 1, warning: 2, error: 3 }

export const worstLevel = (levels: readonly NoticeLevel[]): NoticeLevel =>
  levels.reduce((worst, level) => (severity[level] > severity[worst] ? level : worst), 'info')

/** "a, b, c and 9 more" */
export function listSubjects(subjects: readonly string[], shown = 3): string {
  const unique = [...new Set(subjects)]
  if (unique.length <= shown) return unique.join(', ')
  return `${unique.slice(0, shown).join(', ')} and ${unique.length - shown} more`
}

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`
