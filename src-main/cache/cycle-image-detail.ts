import type { CycleImageDetail, CycleImageFacts, CycleImageStateEntry } from '@contract'
import { cycleImage } from './cycle-queries'
import type { Db } from './db'

/** The parts of a Cycle image document the detail reads (all optional: servers differ). */
interface ImageDoc {
  about?: { description?: string | null } | null
  requires?: { nvidia_gpu?: boolean | null } | null
  backend?: { provider?: string | null; file_name?: string | null } | null
  builder?: { integration_id?: string | null } | null
  creator?: { id?: string; type?: string } | null
  source?: {
    details?: {
      origin?: { type?: string; details?: Record<string, unknown> | null } | null
    } | null
    override?: { target?: string | null; targz_url?: string | null } | null
  } | null
  config?: Record<string, unknown> | null
  build?: { args?: Record<string, string> | null } | null
  factory?: { node_id?: string | null } | null
  state?: { changed?: string | null } | null
  events?: { created?: string; updated?: string; deleted?: string } | null
  meta?: { containers_count?: { state?: Record<string, number> | null } | null } | null
  _berth?: { builder?: string } | null
}

const setTime = (t: string | null | undefined): string | null =>
  t && !t.startsWith('0001-01-01') ? t : null
const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)

/** What an origin is made of, by its type: an image name, a repository, a tarball. */
function originTarget(doc: ImageDoc): string | null {
  const override = doc.source?.override
  if (text(override?.target)) return text(override?.target)
  if (text(override?.targz_url)) return text(override?.targz_url)
  const d = doc.source?.details?.origin?.details ?? {}
  const repo = d.repo as { url?: string; branch?: string; ref?: { value?: string } } | undefined
  if (text(d.target)) return text(d.target)
  if (text(d.existing && (d.existing as { source_id?: string }).source_id)) return null
  if (repo?.url) {
    const at = repo.ref?.value ?? repo.branch
    return at ? `${repo.url} @ ${at}` : repo.url
  }
  return text(d.targz_url)
}

export function imageFacts(doc: ImageDoc): CycleImageFacts {
  const labels = doc.config?.labels
  const byState = doc.meta?.containers_count?.state ?? {}
  return {
    description: text(doc.about?.description),
    nvidiaGpu: doc.requires?.nvidia_gpu === true,
    backend:
      [text(doc.backend?.provider), text(doc.backend?.file_name)].filter(Boolean).join(' · ') ||
      null,
    builder: doc._berth?.builder ?? text(doc.builder?.integration_id),
    creatorKind: text(doc.creator?.type),
    creatorId: text(doc.creator?.id),
    originType: text(doc.source?.details?.origin?.type),
    originTarget: originTarget(doc),
    labels:
      labels && typeof labels === 'object'
        ? Object.fromEntries(
            Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string')
          )
        : {},
    factoryNode: text(doc.factory?.node_id),
    stateChanged: setTime(doc.state?.changed),
    created: setTime(doc.events?.created),
    updated: setTime(doc.events?.updated),
    deleted: setTime(doc.events?.deleted),
    containersByState: Object.fromEntries(Object.entries(byState).filter(([, n]) => n > 0))
  }
}

/** The states the agent saw the image in, newest first. */
export function imageStateHistory(
  db: Db,
  accountId: string,
  imageId: string
): CycleImageStateEntry[] {
  // By time, not text: Cycle writes RFC 3339 with as many fraction digits as it needs
  // ("…31.5Z" is after "…31.49Z" but sorts before it as text).
  const rows = db
    .prepare(
      `SELECT state, changed, seen_at AS seenAt FROM cycle_image_states
       WHERE account_id = ? AND image_id = ?
       ORDER BY julianday(changed) DESC, seen_at DESC LIMIT 20`
    )
    .all(accountId, imageId) as Array<{ state: string; changed: string; seenAt: number }>
  return rows.map((r) => ({ ...r, changed: setTime(r.changed) }))
}

/** One cached image as its detail view shows it; null when it is not in the cache. */
export function cycleImageDetail(
  db: Db,
  accountId: string,
  imageId: string
): CycleImageDetail | null {
  const found = cycleImage(db, accountId, imageId)
  if (!found) return null
  const { _berth: _, ...raw } = found.raw as ImageDoc & Record<string, unknown>
  return {
    image: found.row,
    config: raw.config ?? null,
    buildArgs: raw.build?.args ?? {},
    raw,
    facts: imageFacts(found.raw as ImageDoc),
    history: imageStateHistory(db, accountId, imageId)
  }
}
