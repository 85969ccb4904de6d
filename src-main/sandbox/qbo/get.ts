import { badRequest, notFound, ok } from './envelope'
import type { CommandOutcome, QboPayload } from './envelope'
import { kubeconfigFor } from './kubeconfig'
import type { QboHub } from './types'

// qbo's own limit on object names.
const MAX_NAME_CHARS = 64

export type GetKind = 'nodes' | 'images' | 'networks' | 'clusters' | 'pods' | 'services' | 'ipvs'
type Kind = GetKind

/** Every kind `get` answers, in the order a full refresh asks for them. */
export const GET_KINDS: readonly GetKind[] = [
  'clusters',
  'nodes',
  'images',
  'networks',
  'pods',
  'services',
  'ipvs'
]

interface KindSpec {
  kind: Kind
  subcommand: string
  /** What NAME arguments name: the objects themselves, or the clusters they belong to. */
  names: 'object' | 'cluster'
  noun: string
}

const SPECS: Record<Kind, KindSpec> = {
  nodes: { kind: 'nodes', subcommand: 'SUBCMD_NODE', names: 'object', noun: 'node' },
  images: { kind: 'images', subcommand: 'SUBCMD_IMAGE', names: 'object', noun: 'image' },
  networks: { kind: 'networks', subcommand: 'SUBCMD_NETWORK', names: 'object', noun: 'network' },
  clusters: { kind: 'clusters', subcommand: 'SUBCMD_CLUSTER', names: 'object', noun: 'cluster' },
  pods: { kind: 'pods', subcommand: 'SUBCMD_POD', names: 'cluster', noun: 'cluster' },
  services: { kind: 'services', subcommand: 'SUBCMD_SERVICE', names: 'cluster', noun: 'cluster' },
  ipvs: { kind: 'ipvs', subcommand: 'SUBCMD_IPVS', names: 'cluster', noun: 'cluster' }
}

const ALIASES: Record<string, Kind> = {
  node: 'nodes',
  nodes: 'nodes',
  image: 'images',
  images: 'images',
  net: 'networks',
  network: 'networks',
  networks: 'networks',
  cluster: 'clusters',
  clusters: 'clusters',
  pod: 'pods',
  pods: 'pods',
  service: 'services',
  services: 'services',
  svc: 'services',
  ipvs: 'ipvs'
}

/** The kind a `get` word names (`net`, `svc`, `node`…), if the sandbox knows it. */
export function getKindOf(word: string | undefined): GetKind | undefined {
  return word === undefined ? undefined : ALIASES[word]
}

// Real qbo resources the sandbox does not emulate: refused clearly rather than as "unknown".
const UNSUPPORTED_KINDS = new Set(['user', 'users', 'instance', 'instances', 'acme'])
const KNOWN = 'nodes, images, networks, clusters, pods, services or ipvs'

interface GetArgs {
  names: string[]
  kubeconfig: boolean
}

function parseGetArgs(what: string, kind: Kind, args: string[]): GetArgs | string {
  const names: string[] = []
  let kubeconfig = false
  for (const arg of args) {
    // -A and "no names" mean the same here: the sandbox has a single user who owns everything.
    if (arg === '-A' || arg === '--all') continue
    if (arg === '-k' && kind === 'clusters') kubeconfig = true
    else if (arg.startsWith('-')) return `unknown flag '${arg}' for get ${what}`
    else if (arg.length > MAX_NAME_CHARS) return `name too long (over ${MAX_NAME_CHARS} chars)`
    else names.push(arg)
  }
  if (kubeconfig && names.length === 0) return `get ${what} -k needs a cluster NAME`
  return { names: [...new Set(names)], kubeconfig }
}

/** Items whose key is among `names` (all when none), and the names that matched nothing. */
function select<T>(items: T[], names: string[], keys: (item: T) => string[]) {
  if (names.length === 0) return { found: items, missing: [] }
  const wanted = new Set(names)
  const found = items.filter((item) => keys(item).some((key) => wanted.has(key)))
  const matched = new Set(found.flatMap(keys))
  return { found, missing: names.filter((name) => !matched.has(name)) }
}

function listing(hub: QboHub, spec: KindSpec, names: string[]) {
  const byName = (item: { name: string }) => [item.name]
  const byCluster = (item: { cluster: string }) => [item.cluster]
  // Cluster-scoped lists 404 on unknown clusters, not on clusters that merely have none.
  const unknownClusters = () => names.filter((name) => !hub.clusters.some((c) => c.name === name))
  const scoped = <T extends { cluster: string }>(items: T[]) => ({
    found: select(items, names, byCluster).found,
    missing: unknownClusters()
  })
  switch (spec.kind) {
    case 'nodes': {
      // A node is named by its own name or its cluster's, so `get nodes alex` lists alex's nodes.
      const { found, missing } = select(hub.nodes, names, (n) => [n.name, n.cluster])
      return { missing, payload: { nodes: found } satisfies QboPayload }
    }
    case 'images': {
      const { found, missing } = select(hub.images, names, byName)
      return { missing, payload: { images: found } satisfies QboPayload }
    }
    case 'networks': {
      const { found, missing } = select(hub.networks, names, byName)
      return { missing, payload: { networks: found } satisfies QboPayload }
    }
    case 'clusters': {
      const { found, missing } = select(hub.clusters, names, byName)
      return { missing, payload: { clusters: found } satisfies QboPayload }
    }
    case 'pods': {
      const { found, missing } = scoped(hub.pods)
      return { missing, payload: { pods: found } satisfies QboPayload }
    }
    case 'services': {
      const { found, missing } = scoped(hub.services)
      return { missing, payload: { services: found } satisfies QboPayload }
    }
    case 'ipvs': {
      const { found, missing } = scoped(hub.ipvs)
      return { missing, payload: { ipvs: found } satisfies QboPayload }
    }
  }
}

/** `get KIND [NAME…] [-A] [-k]`, answered from the hub. */
export function runGet(hub: QboHub, args: string[], commandLine: string): CommandOutcome {
  const [what, ...rest] = args
  if (what === undefined) return badRequest(`get needs a resource: ${KNOWN}`, commandLine)
  const kind = ALIASES[what]
  if (kind === undefined) {
    const message = UNSUPPORTED_KINDS.has(what)
      ? `get ${what} is not supported by the Berth sandbox`
      : `unknown resource '${what}': expected ${KNOWN}`
    return badRequest(message, commandLine, 'CMD_GET')
  }
  const spec = SPECS[kind]
  const parsed = parseGetArgs(what, kind, rest)
  if (typeof parsed === 'string') {
    return badRequest(parsed, commandLine, 'CMD_GET', spec.subcommand)
  }
  const { missing, payload } = listing(hub, spec, parsed.names)
  if (missing.length > 0) {
    const messages = missing.map((name) => `${spec.noun} '${name}' not found`)
    return notFound(messages, commandLine, 'CMD_GET', spec.subcommand)
  }
  if (parsed.kubeconfig) {
    const wanted = new Set(parsed.names)
    const output = hub.clusters
      .filter((cluster) => wanted.has(cluster.name))
      .map((cluster) => ({ kubeconfig: kubeconfigFor(cluster) }))
    return ok(commandLine, 'CMD_GET', spec.subcommand, { output })
  }
  // Copies, so a later mutation of the hub cannot change an answer already handed out.
  return ok(commandLine, 'CMD_GET', spec.subcommand, structuredClone(payload))
}
