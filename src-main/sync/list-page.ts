import type { ResourceKind } from '@contract'
import type { AnyRecord } from '../cache/records'
import { checkedAnswer, parsedBody } from '../providers/cycle/answer'
import { imageRecord } from '../providers/cycle/mapping'
import { learnedNames, namedImage } from '../providers/cycle/named'
import { CycleImage } from '../providers/cycle/schemas'
import type { PageTaken } from '../providers/session'

type Doc = Parameters<typeof learnedNames>[0][number] & { id: string }

/** How one kind's raw list page becomes documents and records: the provider's own checks. */
type PageReader = (body: unknown, url: string) => Array<{ doc: Doc; record: AnyRecord }>

const images = CycleImage.array()

const readers: Partial<Record<ResourceKind, PageReader>> = {
  cycleImages: (body, url) => {
    const { data, includes } = checkedAnswer(body, images, url)
    return data.map((image) => {
      const doc = namedImage(image, includes)
      return { doc, record: imageRecord(doc) }
    })
  }
}

export interface PageRecords extends PageTaken {
  records: AnyRecord[]
}

/**
 * One page of a set's list, read on the writer's thread: parsed and checked as the provider
 * would (a page that is not JSON or not of the kind throws its ProviderError), then the entries
 * no earlier page had (`seen` is the set's, and grows) up to `room` of them.
 */
export function readListPage(
  kind: ResourceKind,
  bytes: Uint8Array,
  url: string,
  seen: Set<string>,
  room: number
): PageRecords {
  const reader = readers[kind]
  if (!reader) throw new Error(`The cache writer cannot read pages of ${kind}`)
  const all = reader(parsedBody(bytes), url)
  const fresh = all.filter(({ doc }) => !seen.has(doc.id))
  for (const { doc } of fresh) seen.add(doc.id)
  const kept = fresh.slice(0, Math.max(0, room))
  return {
    records: kept.map((entry) => entry.record),
    items: all.length,
    fresh: fresh.length,
    taken: kept.length,
    names: learnedNames(kept.map((entry) => entry.doc))
  }
}
