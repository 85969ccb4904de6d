import { ok } from './envelope'
import type { CommandOutcome, QboPayload } from './envelope'
import type {
  Mirrored,
  QboCluster,
  QboHub,
  QboIpvs,
  QboNetwork,
  QboNode,
  QboPod,
  QboService,
  Workloads
} from './types'

/** The hub's kinds a mirror watches, with what each update carries. */
export interface MirrorPayloads {
  clusters: Mirrored<QboCluster>[]
  nodes: Mirrored<QboNode>[]
  networks: Mirrored<QboNetwork>[]
  pods: Mirrored<QboPod>[]
  services: Mirrored<QboService>[]
  ipvs: Mirrored<QboIpvs>[]
}
export type MirrorKind = keyof MirrorPayloads

export const SUBCOMMANDS: Record<MirrorKind, string> = {
  clusters: 'SUBCMD_CLUSTER',
  nodes: 'SUBCMD_NODE',
  networks: 'SUBCMD_NETWORK',
  pods: 'SUBCMD_POD',
  services: 'SUBCMD_SERVICE',
  ipvs: 'SUBCMD_IPVS'
}

/**
 * An unsolicited `get KIND NAME`-shaped message, as a mirror pushes when watched objects change.
 * The line names the cluster (or the nodes), so it never reads as a full-refresh answer a client
 * could mistake for "this is everything there is".
 */
export function mirrorUpdate<K extends MirrorKind>(
  kind: K,
  names: string[],
  items: MirrorPayloads[K]
): CommandOutcome {
  const commandLine = ['qbo', 'get', kind, ...names].join(' ')
  // Copies, so a later mutation of the hub cannot change a message already handed out.
  const payload = { [kind]: structuredClone(items) } as unknown as QboPayload
  return ok(commandLine, 'CMD_GET', SUBCOMMANDS[kind], payload)
}

/** The object as pushed once when it leaves the hub: the client drops it from its cache. */
export function removed<T extends object>(item: T): Mirrored<T> {
  return { ...item, state: 'deleted' }
}

/** Removes matching items in place (callers may hold the array) and returns them. */
export function removeWhere<T>(items: T[], match: (item: T) => boolean): T[] {
  const gone: T[] = []
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as T
    if (match(item)) gone.unshift(...items.splice(i, 1))
  }
  return gone
}

/** Updates for each non-empty workload list: pods, then services, then load balancers. */
function workloadPushes(
  cluster: string,
  workloads: Workloads,
  mark: <T extends object>(i: T) => T
) {
  const pushes: CommandOutcome[] = []
  if (workloads.pods.length > 0) {
    pushes.push(mirrorUpdate('pods', [cluster], workloads.pods.map(mark)))
  }
  if (workloads.services.length > 0) {
    pushes.push(mirrorUpdate('services', [cluster], workloads.services.map(mark)))
  }
  if (workloads.ipvs.length > 0) {
    pushes.push(mirrorUpdate('ipvs', [cluster], workloads.ipvs.map(mark)))
  }
  return pushes
}

/** Takes a cluster's pods, services and IPVS entries out of the hub, announcing each removal. */
export function dropWorkloads(hub: QboHub, cluster: string): CommandOutcome[] {
  const ofCluster = (item: { cluster: string }) => item.cluster === cluster
  const gone: Workloads = {
    pods: removeWhere(hub.pods, ofCluster),
    services: removeWhere(hub.services, ofCluster),
    ipvs: removeWhere(hub.ipvs, ofCluster)
  }
  return workloadPushes(cluster, gone, removed)
}

/** Adds a cluster's workloads to the hub and announces them. */
export function addWorkloads(hub: QboHub, cluster: string, workloads: Workloads): CommandOutcome[] {
  hub.pods.push(...workloads.pods)
  hub.services.push(...workloads.services)
  hub.ipvs.push(...workloads.ipvs)
  return workloadPushes(cluster, workloads, (item) => item)
}
