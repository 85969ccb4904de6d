import type { AccountView, Overview, OverviewAccount, StateCount } from '@contract'
import { isNodeReady } from './node-ready'
import type { ListSeed } from './stores/navigation.svelte'
import { clusterTone, cycleJobLook, nodeLook, type Tone } from './state-tone'

/** The figures the Overview draws: one account's, or every account's added up. */
export type Figures = Omit<OverviewAccount, 'accountId'>

/** One bar or slice: what it counts, its colour, and the list it opens. */
export interface Slice {
  key: string
  label: string
  count: number
  /** A state's tone (one colour per state everywhere); null for what is no state (a source). */
  tone: Tone | null
  /** Extra words beside the count (a source's size). */
  note?: string
  /** The list this figure opens; null when no list can show just these rows. */
  opens: ListSeed | null
}

function mergeStates(lists: readonly StateCount[][]): StateCount[] {
  const out = new Map<string, number>()
  for (const list of lists)
    for (const s of list) out.set(s.state, (out.get(s.state) ?? 0) + s.count)
  return [...out].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count)
}

function mergeBy<T extends { count: number }>(
  rows: readonly T[],
  key: (r: T) => string,
  add: (a: T, b: T) => T
): T[] {
  const out = new Map<string, T>()
  for (const r of rows) {
    const k = key(r)
    const had = out.get(k)
    out.set(k, had ? add(had, r) : r)
  }
  return [...out.values()].sort((a, b) => b.count - a.count)
}

/** The figures of `accountId`, or of all accounts together when it is null. */
export function figuresOf(overview: Overview, accountId: string | null): Figures {
  const from = overview.accounts.filter((a) => accountId === null || a.accountId === accountId)
  // qbo's case varies by server ("Ready", "ready"): one state, one row.
  const nodeStates = mergeStates(
    from.map((a) => a.nodes.byState.map((s) => ({ ...s, state: s.state.trim().toLowerCase() })))
  )
  return {
    clusters: mergeStates(from.map((a) => a.clusters)),
    nodes: {
      ready: from.reduce((n, a) => n + a.nodes.ready, 0),
      notReady: from.reduce((n, a) => n + a.nodes.notReady, 0),
      byState: nodeStates
    },
    images: mergeBy(
      from.flatMap((a) => a.images),
      (i) => i.registry,
      (a, b) => ({ ...a, count: a.count + b.count })
    ),
    // Sources are per hub: the same id on two hubs is two sources.
    cycleImages: from.flatMap((a) => a.cycleImages).sort((a, b) => b.count - a.count),
    hubJobs: mergeStates(from.map((a) => a.hubJobs)),
    jobs: {
      queued: from.reduce((n, a) => n + a.jobs.queued, 0),
      running: from.reduce((n, a) => n + a.jobs.running, 0)
    }
  }
}

const scoped = (accountId: string | null) => (accountId === null ? {} : { accountId })

/** Clusters by state; each opens the Clusters list searched for that state. */
export const clusterSlices = (f: Figures, accountId: string | null): Slice[] =>
  f.clusters.map(({ state, count }) => ({
    key: state,
    label: state,
    count,
    tone: clusterTone(state),
    opens: { view: 'clusters', search: state, ...scoped(accountId) }
  }))

/**
 * Nodes by state, in the words the Nodes list uses. A state other than ready opens the Nodes list
 * searched for it; "ready" is part of "notready", so a search cannot single out ready nodes.
 */
export const nodeSlices = (f: Figures, accountId: string | null): Slice[] =>
  f.nodes.byState.map(({ state, count }) => {
    const look = nodeLook(state)
    return {
      key: state,
      label: look.word,
      count,
      tone: look.tone,
      opens: isNodeReady(state) ? null : { view: 'nodes', search: state, ...scoped(accountId) }
    }
  })

/** Cycle images by source; each opens Cycle images filtered to that source. */
export const sourceSlices = (f: Figures, format: (bytes: number) => string): Slice[] =>
  f.cycleImages.map((s) => ({
    key: s.sourceId,
    label: s.sourceName,
    count: s.count,
    tone: null,
    note: format(s.bytes),
    opens: { view: 'cycle-images', filters: { sourceId: s.sourceId } }
  }))

/** qbo images by registry; each opens Images searched for the registry. */
export const registrySlices = (f: Figures, accountId: string | null): Slice[] =>
  f.images.map((i) => ({
    key: i.registry,
    label: i.registry || 'no registry',
    count: i.count,
    tone: null,
    opens: i.registry ? { view: 'images', search: i.registry, ...scoped(accountId) } : null
  }))

/** Hub jobs by state; each opens Hub jobs filtered to that state. */
export const hubJobSlices = (f: Figures, accountId: string | null): Slice[] =>
  f.hubJobs.map(({ state, count }) => {
    const look = cycleJobLook(state)
    return {
      key: state,
      label: look.word,
      count,
      tone: look.tone,
      opens: { view: 'cycle-jobs', filters: { state }, ...scoped(accountId) }
    }
  })

export const total = (slices: readonly Slice[]): number => slices.reduce((n, s) => n + s.count, 0)

/** A chart's words for screen readers: what it counts, then each part. */
export const chartText = (title: string, slices: readonly Slice[]): string =>
  slices.length === 0
    ? `${title}: none`
    : `${title}: ${slices.map((s) => `${s.count} ${s.label}`).join(', ')}`

/** Accounts as the Overview lists them: qbo first, then hubs, each by name. */
export const orderedAccounts = (accounts: readonly AccountView[]): AccountView[] =>
  [...accounts].sort((a, b) => a.kind.localeCompare(b.kind) * -1 || a.name.localeCompare(b.name))
