import type { ResourceKind } from '@contract'
import type { RecordsByKind } from '../../cache/records'
import { plural, type Notice } from './notice'
import type { NoticeLevel } from '@contract'

/** The kinds whose state changes are news. */
type Watched = 'nodes' | 'clusters' | 'cycleImages'
const isWatched = (kind: ResourceKind): kind is Watched =>
  kind === 'nodes' || kind === 'clusters' || kind === 'cycleImages'

interface Known {
  state: string
  /** What a removal notice needs to say and link to. */
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
 * Remembers the state of every node, cluster and Cycle image per account and tells what changed.
 * The first full set an account delivers is the baseline: starting Berth is not news.
 */
export class ResourceWatch {
  private readonly known = new Map<string, Map<string, Known>>()

  replace<K extends ResourceKind>(
    account: Account,
    kind: K,
    records: RecordsByKind[K][]
  ): Notice[] {
    if (!isWatched(kind)) return []
    const slot = `${account.id}/${kind}`
    const before = this.known.get(slot)
    const after = new Map<string, Known>()
    for (const record of records) {
      const [key, now] = known(kind, record as RecordsByKind[Watched])
      after.set(key, now)
    }
    this.known.set(slot, after)
    if (!before) return []
    const notices: Notice[] = []
    for (const [key, now] of after) {
      const was = before.get(key)
      if (was && was.state !== now.state) notices.push(...changed(account, kind, key, now))
    }
    for (const [key, was] of before) {
      if (!after.has(key)) notices.push(...removed(account, kind, key, was))
    }
    return notices
  }

  patch<K extends ResourceKind>(account: Account, kind: K, records: RecordsByKind[K][]): Notice[] {
    if (!isWatched(kind)) return []
    const map = this.known.get(`${account.id}/${kind}`)
    if (!map) return []
    const notices: Notice[] = []
    for (const record of records) {
      const [key, now] = known(kind, record as RecordsByKind[Watched])
      const was = map.get(key)
      map.set(key, now)
      if (was && was.state !== now.state) notices.push(...changed(account, kind, key, now))
    }
    return notices
  }

  remove(account: Account, kind: ResourceKind, keys: readonly string[]): Notice[] {
    if (!isWatched(kind)) return []
    const map = this.known.get(`${account.id}/${kind}`)
    if (!map) return []
    return keys.flatMap((key) => {
      const was = map.get(key)
      map.delete(key)
      return was ? removed(account, kind, key, was) : []
    })
  }

  forget(accountId: string): void {
    for (const slot of this.known.keys())
      if (slot.startsWith(`${accountId}/`)) this.known.delete(slot)
  }
}

function known(kind: Watched, record: RecordsByKind[Watched]): [string, Known] {
  if (kind === 'cycleImages') {
    const image = record as RecordsByKind['cycleImages']
    return [image.key, { state: image.state, label: image.name || image.id, cluster: '' }]
  }
  if (kind === 'nodes') {
    const node = record as RecordsByKind['nodes']
    return [node.name, { state: node.state, label: node.name, cluster: node.cluster }]
  }
  const cluster = record as RecordsByKind['clusters']
  return [cluster.name, { state: cluster.state, label: cluster.name, cluster: cluster.name }]
}

function changed(account: Account, kind: Watched, key: string, now: Known): Notice[] {
  const state = now.state
  const common = {
    kind: 'resource' as const,
    level: levelOf(state),
    key: `${kind}:${account.id}:${key}:${state}`,
    subject: now.label,
    about: { accountId: account.id, name: kind === 'nodes' ? now.cluster : now.label }
  }
  switch (kind) {
    case 'nodes':
      return [
        {
          ...common,
          title: `Node ${now.label} is ${state}`,
          body: `Cluster ${now.cluster} on ${account.name}`,
          target: { view: 'cluster', accountId: account.id, cluster: now.cluster },
          burst: {
            key: `nodes:${account.id}:${state}`,
            title: (n) => `${plural(n, 'node')} on ${account.name} are ${state}`,
            target: { view: 'nodes' }
          }
        }
      ]
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
      about: { accountId: account.id, name: was.label },
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
