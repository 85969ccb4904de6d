import { creatorName, integrationName, type Includes } from './includes'
import type { CycleImage } from './schemas'

/** What Berth adds to a document it read: names resolved from the answer's `includes`. */
export interface Named {
  _berth?: { creator: string; builder?: string }
}

export function named<T extends object>(
  doc: T,
  creator: { id: string; type: string } | null | undefined,
  includes: Includes
): T & Named {
  return { ...doc, _berth: { creator: creatorName(creator, includes) } }
}

export function namedImage(image: CycleImage, includes: Includes): CycleImage & Named {
  const builder = integrationName(image.builder?.integration_id, includes)
  return {
    ...image,
    _berth: { creator: creatorName(image.creator, includes), ...(builder ? { builder } : {}) }
  }
}

type Scope = { id: string; type: string }
/** How a creator reads when nothing names it (what `creatorName` falls back to). */
export const scopeWords = (c: Scope): string => `${c.type} ${c.id}`

/**
 * The creators these documents name better than by kind and id, as [scope words, name]: what a
 * session keeps for the one-job reads that cannot ask for names.
 */
export function learnedNames(
  docs: readonly (Named & { creator?: Scope | null })[]
): Array<[string, string]> {
  const names = new Map<string, string>()
  for (const d of docs) {
    const name = d._berth?.creator
    if (d.creator && name && name !== scopeWords(d.creator)) names.set(scopeWords(d.creator), name)
  }
  return [...names]
}
