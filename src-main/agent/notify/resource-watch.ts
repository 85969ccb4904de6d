import { isNodeReady, nodeStateWord, type NoticeLevel, type ResourceKind } from '@contract'
import type { Brief, WriteSummary } from '../../cache/write-summary'
import { plural, type Notice } from './notice'

/** The kinds whose state changes are news. */
type Watched = 'nodes' | 'clusters' | 'cycleImages'
const isWatched = (kind: ResourceKind): kind is Watched =>
  kind === 'nodes' || kind === 'clusters' || kind === 'cycleImages'

/** A watched row as a notice tells it. */
interface Known {
  state: string
  label: string
  cluster: string
}

interface Account {
  id: string
  name: string
}

const GOOD = /^(running|ready|live|active|online|up)$/i
const BAD = /^(error|failed|crashed|dead|unhealthy|down)$/i
const levelOf = (state: string): NoticeLevel =>
  GOOD.test(state) ? 'success' : BAD.test(state) ? 'error' : 'info'

/** Cycle images pass through many build steps; only these outcomes are worth a notification. */
const IMAGE_OUTCOMES = /^(live|error)$/i

/**
 * Tells which nodes, clusters and Cycle images changed state or went away, from what the cache's
 * writes report (each changed or removed row's brief, before and after; see cache/writes). The
 * cache is the memory: this keeps no row, only which sets have had their baseline, so 100k rows
 * cost it nothing. The first full set an account delivers in a run is the baseline: starting
 * Berth is not news.
 */
export class ResourceWatch {
  private readonly baselined = new Set<string>()

  /** A full set was written. */
  replaced(account: Account, kind: ResourceKind, summary: WriteSummary): Notice[] {
    if (!isWatched(kind)) return []
    const slot = `${account.id}/${kind}`
    if (!this.baselined.has(slot)) {
      this.baselined.add(slot)
      return []
    }
    return [...changes(account, kind, summary), ...removals(account, kind, summary)]
  }

  /** Pushed rows were written. */
  patched(account: Account, kind: ResourceKind, summary: WriteSummary): Notice[] {
    if (!isWatched(kind) || !this.baselined.has(`${account.id}/${kind}`)) return []
    return changes(account, kind, summary)
  }

  /** Rows the server announced as gone were removed. */
  removed(account: Account, kind: ResourceKind, summary: WriteSummary): Notice[] {
    if (!isWatched(kind) || !this.baselined.has(`${account.id}/${kind}`)) return []
    return removals(account, kind, summary)
  }

  forget(accountId: string): void {
    for (const slot of this.baselined)
      if (slot.startsWith(`${accountId}/`)) this.baselined.delete(slot)
  }
}

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value)

/** A row's brief (see `tables[kind].brief` in cache/records) as a notice tells it. */
function known(kind: Watched, key: string, brief: Brief): Known {
  const state = text(brief['state'])
  if (kind === 'cycleImages') {
    return { state, label: text(brief['name']) || text(brief['id']) || key, cluster: '' }
  }
  if (kind === 'nodes') return { state, label: key, cluster: text(brief['cluster']) }
  return { state, label: key, cluster: key }
}

const changes = (account: Account, kind: Watched, summary: WriteSummary): Notice[] =>
  summary.changed.flatMap(({ key, before, after }) =>
    text(before['state']) === text(after['state'])
      ? []
      : changed(account, kind, key, known(kind, key, after))
  )

const removals = (account: Account, kind: Watched, summary: WriteSummary): Notice[] =>
  summary.gone.flatMap(({ key, before }) => removed(account, kind, key, known(kind, key, before)))

function changed(account: Account, kind: Watched, key: string, now: Known): Notice[] {
  const state = now.state
  const common = {
    kind: 'resource' as const,
    level: levelOf(state),
    key: `${kind}:${account.id}:${key}:${state}`,
    subject: now.label,
    about: {
      accountId: account.id,
      name: kind === 'nodes' ? now.cluster : now.label,
      image: kind === 'cycleImages'
    }
  }
  switch (kind) {
    case 'nodes': {
      // In the screen's words: only a ready node is good news; "running" reads "starting".
      const word = nodeStateWord(state)
      const level = isNodeReady(state)
        ? 'success'
        : common.level === 'success'
          ? 'info'
          : common.level
      return [
        {
          ...common,
          level,
          title: `Node ${now.label} is ${word}`,
          body: `Cluster ${now.cluster} on ${account.name}`,
          target: { view: 'cluster', accountId: account.id, cluster: now.cluster },
          burst: {
            key: `nodes:${account.id}:${state}`,
            title: (n) => `${plural(n, 'node')} on ${account.name} are ${word}`,
            target: { view: 'nodes' }
          }
        }
      ]
    }
    case 'clusters':
      return [
        {
          ...common,
          title: `Cluster ${now.label} is ${state}`,
          body: `On ${account.name}`,
          target: { view: 'cluster', accountId: account.id, cluster: now.label },
          burst: {
            key: `clusters:${account.id}:${state}`,
            title: (n) => `${plural(n, 'cluster')} on ${account.name} are ${state}`,
            target: { view: 'clusters' }
          }
        }
      ]
    case 'cycleImages':
      if (!IMAGE_OUTCOMES.test(state)) return []
      return [
        {
          ...common,
          title: /^live$/i.test(state)
            ? `Image ${now.label} is ready`
            : `Image ${now.label} failed to build`,
          body: `On ${account.name}`,
          target: { view: 'cycle-image', accountId: account.id, imageId: key },
          burst: {
            key: `images:${account.id}:${state}`,
            title: (n) =>
              /^live$/i.test(state)
                ? `${plural(n, 'image')} on ${account.name} are ready`
                : `${plural(n, 'image')} on ${account.name} failed to build`,
            target: { view: 'cycle-images' }
          }
        }
      ]
  }
}

function removed(account: Account, kind: Watched, key: string, was: Known): Notice[] {
  // A cluster's nodes go with it: the cluster's own notice says it.
  if (kind === 'nodes') return []
  const noun = kind === 'clusters' ? 'cluster' : 'image'
  return [
    {
      kind: 'resource',
      level: 'info',
      key: `${kind}:${account.id}:${key}:removed`,
      subject: was.label,
      about: { accountId: account.id, name: was.label, image: kind === 'cycleImages' },
      title: `${kind === 'clusters' ? 'Cluster' : 'Image'} ${was.label} was removed`,
      body: `From ${account.name}`,
      target: kind === 'clusters' ? { view: 'clusters' } : { view: 'cycle-images' },
      burst: {
        key: `${kind}:${account.id}:removed`,
        title: (n) => `${plural(n, noun)} removed from ${account.name}`,
        target: kind === 'clusters' ? { view: 'clusters' } : { view: 'cycle-images' }
      }
    }
  ]
}
