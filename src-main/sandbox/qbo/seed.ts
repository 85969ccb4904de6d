import { chars, hex, intBelow, mulberry32, pick, shuffled, uuid } from './random'
import type { Random } from './random'
import { SANDBOX_USER } from './types'
import type { QboHub, QboImage, QboNode, QboPod } from './types'
import { newNode, workloadsFor } from './workloads'

export { SANDBOX_USER } from './types'
export type {
  QboCluster,
  QboHub,
  QboImage,
  QboIpvs,
  QboNetwork,
  QboNode,
  QboPod,
  QboService
} from './types'
export { mulberry32 } from './random'
export type { Random } from './random'

export interface SeedOptions {
  seed?: number
  clusters?: number
  /** Same count for every cluster; when absent each cluster gets 2..6 nodes from the PRNG. */
  nodesPerCluster?: number
}

/**
 * Subnets are 172.18.N.0/24 with nodes from .2 up, so both counts must fit one octet. Clusters
 * created at run time take free 172.18.N subnets; a seeded hub may go further (see subnetOf).
 */
export const MAX_CLUSTERS = 250
export const MAX_NODES_PER_CLUSTER = 250
/** Seeded clusters past the 250th continue in 172.19.N, 172.20.N…: 1,000 stays in 172.16/12. */
export const MAX_SEED_CLUSTERS = 1000

const NAMED_CLUSTERS = ['alex', 'staging', 'ci-runners', 'edge-lab']

// Real kindest/node tags, grouped by minor so that clusters can be spread across versions.
const TAGS_BY_MINOR: readonly (readonly string[])[] = [
  ['v1.25.11', 'v1.25.16'],
  ['v1.26.6', 'v1.26.15'],
  ['v1.27.2', 'v1.27.3', 'v1.27.13'],
  ['v1.28.0', 'v1.28.9'],
  ['v1.29.2', 'v1.29.4'],
  ['v1.30.0', 'v1.30.2']
]
/**
 * One tag for each other minor a kind release shipped a node image for, from v1.18 (kind v0.8)
 * to v1.34 (kind v0.30): the newest patch kind published for it. Clusters never run these, but
 * `get images` lists them as a real registry lookup would. Kept to one per minor so that the
 * whole list still fits one screen of rows.
 */
const OTHER_FAMILY_TAGS: readonly string[] = [
  'v1.18.20',
  'v1.19.16',
  'v1.20.15',
  'v1.21.14',
  'v1.22.17',
  'v1.23.17',
  'v1.24.17',
  'v1.31.12',
  'v1.32.8',
  'v1.33.4',
  'v1.34.0'
]

/** Orders `vMAJOR.MINOR.PATCH` tags as versions, not as text (v1.9 before v1.18). */
function byVersion(a: string, b: string): number {
  const parts = (tag: string) => tag.slice(1).split('.').map(Number)
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** Every tag `get images` lists: the clusters' own and one of each other kind family. */
export const KIND_NODE_TAGS: readonly string[] = [
  ...TAGS_BY_MINOR.flat(),
  ...OTHER_FAMILY_TAGS
].sort(byVersion)

// The seed document's own cluster runs this tag; the first cluster keeps it for familiarity.
const FIRST_CLUSTER_TAG = 'v1.27.2'
export const KERNELS = [
  '6.5.0-1025-azure',
  '6.8.0-45-generic',
  '6.1.0-26-amd64',
  '5.15.0-122-generic'
]
const REGISTRY = 'hub.docker.com'
/** The seed document's timestamp (2023-06-14): seeded pods started before it, reproducibly. */
const SEED_EPOCH_MS = 1686713251461

/** Cluster `index`'s /24 as its first three octets: 172.18.0 … 172.18.249, then 172.19.0 … */
export function subnetOf(index: number): string {
  return `172.${18 + Math.floor(index / MAX_CLUSTERS)}.${index % MAX_CLUSTERS}`
}

export function clusterName(index: number): string {
  return NAMED_CLUSTERS[index] ?? `cluster-${index + 1}`
}

export function osFor(tag: string): string {
  // kind moved its node base image from bullseye to bookworm around the v1.28 images.
  const minor = Number(tag.split('.')[1])
  return minor >= 28 ? 'Debian GNU/Linux 12 (bookworm)' : 'Debian GNU/Linux 11 (bullseye)'
}

function checkCount(label: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${label} must be an integer from ${min} to ${max}, got ${value}`)
  }
  return value
}

export function imageOf(tag: string): QboImage {
  return {
    name: `${REGISTRY}/kindest/node:${tag}`,
    registry: REGISTRY,
    user: 'kindest',
    repository: '',
    image: 'node',
    tag
  }
}

/** The cluster to show as stopped: the smallest one, never the first (the seed document's own). */
function smallestAfterFirst(sizes: number[]): number {
  let best = -1
  for (let i = 1; i < sizes.length; i++) {
    if (best < 0 || (sizes[i] ?? 0) < (sizes[best] ?? 0)) best = i
  }
  return best
}

// Kubernetes' suffix alphabet (no vowels, no 0/1/3), as workloads.ts draws pod names from.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/**
 * One cluster's pods with names unique per namespace, as Kubernetes keeps them: five-character
 * suffixes collide about once in 250 clusters of 250 nodes. A collision draws a new suffix, so
 * hubs without one stay exactly as they were.
 */
function uniquePods(pods: QboPod[], rand: Random): QboPod[] {
  const taken = new Set<string>()
  for (const pod of pods) {
    while (taken.has(`${pod.namespace}/${pod.name}`)) {
      pod.name = `${pod.name.slice(0, -5)}${chars(rand, SUFFIX_ALPHABET, 5)}`
    }
    taken.add(`${pod.namespace}/${pod.name}`)
  }
  return pods
}

/** Builds a hub that looks like a real one: named clusters, a stopped one, a few unwell nodes. */
export function seedHub(options: SeedOptions = {}): QboHub {
  const seed = options.seed ?? 1
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
  const clusterCount = checkCount('clusters', options.clusters ?? 4, 0, MAX_SEED_CLUSTERS)
  const fixedNodes =
    options.nodesPerCluster === undefined
      ? undefined
      : checkCount('nodesPerCluster', options.nodesPerCluster, 1, MAX_NODES_PER_CLUSTER)

  const rand = mulberry32(seed)
  const kernel = pick(rand, KERNELS)
  const minors = shuffled(rand, TAGS_BY_MINOR)
  const hub: QboHub = {
    nodes: [],
    images: [],
    networks: [],
    clusters: [],
    pods: [],
    services: [],
    ipvs: []
  }
  const workers: QboNode[] = []
  const sizes = Array.from({ length: clusterCount }, () => fixedNodes ?? 2 + intBelow(rand, 5))
  const stoppedIndex = smallestAfterFirst(sizes)
  const names = new Set<string>()
  // Grouped while building: filtering every node per cluster is quadratic at 100,000 nodes.
  const nodesOf = new Map<string, QboNode[]>()

  for (let c = 0; c < clusterCount; c++) {
    const name = clusterName(c)
    const id = uuid(rand)
    const tag = c === 0 ? FIRST_CLUSTER_TAG : pick(rand, minors[(c - 1) % minors.length] ?? [])
    const stopped = c === stoppedIndex
    const nodeState = stopped ? 'stopped' : 'ready'
    const nodeCount = sizes[c] ?? 0
    const subnet = subnetOf(c)
    const controlAddress = `${subnet}.2`
    const byCluster: QboNode[] = []

    for (let n = 0; n < nodeCount; n++) {
      const node = newNode(rand, n === 0 ? 'control' : 'node', {
        image: `kindest/node:${tag}`,
        cluster: name,
        address: `${subnet}.${n + 2}`,
        os: osFor(tag),
        kernel,
        cluster_id: id
      })
      // Eight hex digits collide about once in 100,000 nodes; a name is a node's key.
      while (names.has(node.name))
        node.name = `${node.name.split('-')[0]}-${hex(rand, 8)}.localhost`
      names.add(node.name)
      node.state = nodeState
      hub.nodes.push(node)
      byCluster.push(node)
      if (n > 0 && !stopped) workers.push(node)
    }
    hub.clusters.push({
      name,
      id,
      address: controlAddress,
      control_plane: `https://${controlAddress}:6443`,
      state: stopped ? 'stopped' : 'running',
      user: SANDBOX_USER
    })
    hub.networks.push({
      name,
      id,
      subnet: `${subnet}.0/24`,
      state: nodeState,
      user: SANDBOX_USER
    })
    nodesOf.set(name, byCluster)
  }

  // A healthy-looking hub still has a straggler or two (one not ready, one still booting), but
  // never so many that ready nodes stop being the majority when there is room for one.
  const readyCount = hub.nodes.length - (sizes[stoppedIndex] ?? 0)
  const room = readyCount - Math.floor(hub.nodes.length / 2) - 1
  const unwell = shuffled(rand, workers).slice(0, Math.min(2, Math.max(1, room)))
  const [notReady, booting] = unwell
  if (notReady) notReady.state = 'notready'
  if (booting) booting.state = 'running'

  // Drawn last, so that adding workloads left every node and cluster of a seed as it was.
  for (const cluster of hub.clusters) {
    if (cluster.state === 'stopped') continue
    const nodes = nodesOf.get(cluster.name) ?? []
    const startedAt = SEED_EPOCH_MS - (1 + intBelow(rand, 30)) * 86_400_000
    const workloads = workloadsFor({ cluster, nodes, rand, startedAt })
    hub.pods.push(...uniquePods(workloads.pods, rand))
    hub.services.push(...workloads.services)
    hub.ipvs.push(...workloads.ipvs)
  }

  hub.images = KIND_NODE_TAGS.map(imageOf)
  return hub
}
