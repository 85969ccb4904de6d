import type { CycleImageFacts, CycleJobRow } from '@contract'
import { naturalCompare } from './natural-order'

/** One line of a facts list: what it is, what it says, and whether it is an id or code. */
export interface Fact {
  label: string
  value: string
  mono?: boolean
  /** The exact text behind a shortened value (a time's ISO form). */
  title?: string
}

const ORIGIN_WORDS: Record<string, string> = {
  'docker-hub': 'Docker Hub',
  'docker-registry': 'Docker registry',
  'oci-registry': 'OCI registry',
  'docker-file': 'Dockerfile',
  'cycle-upload': 'Cycle upload',
  'cycle-source': 'another source',
  none: 'none'
}

/** What the image document says, in the order a reader asks: what, from where, by whom, how. */
export function imageFacts(
  facts: CycleImageFacts,
  time: (iso: string) => string = (iso) => iso
): Fact[] {
  const out: Fact[] = []
  const put = (label: string, value: string | null | undefined, extra: Partial<Fact> = {}) => {
    if (value) out.push({ label, value, ...extra })
  }
  const when = (label: string, iso: string | null) =>
    iso ? put(label, time(iso), { title: iso }) : undefined
  put('About', facts.description)
  put('Origin', facts.originType ? (ORIGIN_WORDS[facts.originType] ?? facts.originType) : null)
  put('Origin target', facts.originTarget, { mono: true })
  put('Requires', facts.nvidiaGpu ? 'an NVIDIA GPU' : 'no GPU')
  put('Builder', facts.builder ?? 'Cycle factory')
  put('Factory node', facts.factoryNode, { mono: true })
  put('Stored in', facts.backend)
  put(
    'Creator kind',
    facts.creatorKind && facts.creatorId ? `${facts.creatorKind} ${facts.creatorId}` : null,
    { mono: true }
  )
  when('State changed', facts.stateChanged)
  when('Created', facts.created)
  when('Updated', facts.updated)
  when('Deleted', facts.deleted)
  return out
}

/** Containers using the image by state, busiest first: "running 3 · stopped 1". */
export function containersByState(byState: Record<string, number>): string {
  const parts = Object.entries(byState)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return parts.map(([state, n]) => `${state} ${n}`).join(' · ')
}

/** Labels sorted by key, so the same image always reads the same. */
export const sortedLabels = (labels: Record<string, string>): [string, string][] =>
  Object.entries(labels).sort((a, b) => naturalCompare(a[0], b[0]))

/** What a job's descriptor said, as short phrases; empty when Berth did not start the job. */
export function jobDescriptorWords(
  job: Pick<CycleJobRow, 'accepted' | 'schedule' | 'parallel'>,
  time: (iso: string) => string = (iso) => iso
): string[] {
  const out: string[] = []
  if (job.accepted === true) out.push('accepted')
  else if (job.accepted === false) out.push('not accepted')
  if (job.schedule) out.push(`scheduled ${time(job.schedule)}`)
  if (job.parallel) {
    out.push(job.parallel.tasks ? 'tasks in parallel' : 'tasks in order')
    if (job.parallel.subQueue) out.push(`sub-queue ${job.parallel.subQueue}`)
  }
  return out
}

/** A task's input as `key: value` lines (objects as compact JSON). */
export function taskInputLines(input: Record<string, unknown> | undefined): string[] {
  return Object.entries(input ?? {}).map(
    ([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`
  )
}

/** A build log's events, in the order they happen. */
export function buildLogEvents(
  events: Record<string, string> | undefined,
  time: (iso: string) => string = (iso) => iso
): Fact[] {
  const order = ['created', 'started', 'updated', 'completed', 'deleted']
  return Object.entries(events ?? {})
    .sort((a, b) => rank(order, a[0]) - rank(order, b[0]))
    .map(([label, iso]) => ({ label, value: time(iso), title: iso }))
}

const rank = (order: string[], key: string): number => {
  const i = order.indexOf(key)
  return i === -1 ? order.length : i
}
