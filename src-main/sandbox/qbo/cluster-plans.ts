import type { CommandOutcome } from './envelope'
import { addWorkloads, dropWorkloads, mirrorUpdate, removeWhere, removed } from './mirror'
import { uuid } from './random'
import type { Random } from './random'
import { KERNELS, osFor } from './seed'
import { SANDBOX_USER } from './types'
import type { QboCluster, QboHub, QboImage, QboNetwork, QboNode } from './types'
import { newNode, workloadsFor } from './workloads'

/** What an accepted action needs from the sandbox besides the hub. */
export interface PlanContext {
  hub: QboHub
  rand: Random
  /** Epoch milliseconds, for pod start times. */
  now: () => number
}

export interface PlanStep {
  /** The progress line sent once the step has been applied. */
  message: string
  /** Changes the hub and returns the mirror updates announcing the change. */
  apply(): CommandOutcome[]
}

/** One cluster's share of an action: its steps, and how to back out if the action fails. */
export interface ClusterPlan {
  steps: PlanStep[]
  revert(): CommandOutcome[]
}

/** Pushes from the accept itself (the cluster entering its transitional state). */
export interface PlannedCluster {
  plan: ClusterPlan
  pushes: CommandOutcome[]
}

function setClusterState(hub: QboHub, name: string, state: string): CommandOutcome[] {
  const cluster = hub.clusters.find((c) => c.name === name)
  if (cluster === undefined) return []
  cluster.state = state
  return [mirrorUpdate('clusters', [name], [cluster])]
}

function setNetworkState(hub: QboHub, name: string, state: string): CommandOutcome[] {
  const network = hub.networks.find((n) => n.name === name)
  if (network === undefined) return []
  network.state = state
  return [mirrorUpdate('networks', [name], [network])]
}

function setNodeStates(hub: QboHub, cluster: string, names: string[], state: string) {
  const wanted = new Set(names)
  const nodes = hub.nodes.filter((n) => wanted.has(n.name))
  for (const node of nodes) node.state = state
  return nodes.length > 0 ? [mirrorUpdate('nodes', [cluster], nodes)] : []
}

function nodeNamesOf(hub: QboHub, cluster: string): string[] {
  return hub.nodes.filter((n) => n.cluster === cluster).map((n) => n.name)
}

/** Pods, services and IPVS for a cluster whose nodes are up, replacing any left over. */
function freshWorkloads(ctx: PlanContext, name: string): CommandOutcome[] {
  const cluster = ctx.hub.clusters.find((c) => c.name === name)
  if (cluster === undefined) return []
  const nodes = ctx.hub.nodes.filter((n) => n.cluster === name)
  const workloads = workloadsFor({ cluster, nodes, rand: ctx.rand, startedAt: ctx.now() })
  return [...dropWorkloads(ctx.hub, name), ...addWorkloads(ctx.hub, name, workloads)]
}

/** Moves a cluster into a transitional state and remembers the one to return to on failure. */
function begin(hub: QboHub, cluster: QboCluster, state: string) {
  const previous = cluster.state
  return {
    pushes: setClusterState(hub, cluster.name, state),
    revert: () => setClusterState(hub, cluster.name, previous)
  }
}

export function planStop(ctx: PlanContext, cluster: QboCluster): PlannedCluster {
  const { hub } = ctx
  const { name } = cluster
  const { pushes, revert } = begin(hub, cluster, 'stopping')
  const steps: PlanStep[] = nodeNamesOf(hub, name).map((node) => ({
    message: `Stopping node ${node}`,
    apply: () => setNodeStates(hub, name, [node], 'stopped')
  }))
  steps.push({
    message: `Cluster ${name} is stopped`,
    // Workloads go first, so a client that sees the cluster stopped no longer lists its pods.
    apply: () => [
      ...dropWorkloads(hub, name),
      ...setNetworkState(hub, name, 'stopped'),
      ...setClusterState(hub, name, 'stopped')
    ]
  })
  return { plan: { steps, revert }, pushes }
}

export function planStart(ctx: PlanContext, cluster: QboCluster): PlannedCluster {
  const { hub } = ctx
  const { name } = cluster
  const { pushes, revert } = begin(hub, cluster, 'starting')
  const steps: PlanStep[] = nodeNamesOf(hub, name).map((node) => ({
    message: `Starting node ${node}`,
    apply: () => setNodeStates(hub, name, [node], 'ready')
  }))
  steps.push({
    message: `Cluster ${name} is running`,
    apply: () => [
      ...setNetworkState(hub, name, 'ready'),
      ...freshWorkloads(ctx, name),
      ...setClusterState(hub, name, 'running')
    ]
  })
  return { plan: { steps, revert }, pushes }
}

export function planDelete(ctx: PlanContext, cluster: QboCluster): PlannedCluster {
  const { hub } = ctx
  const { name } = cluster
  const { pushes, revert } = begin(hub, cluster, 'deleting')
  const steps: PlanStep[] = nodeNamesOf(hub, name).map((node) => ({
    message: `Deleting node ${node}`,
    apply: () => {
      const gone = removeWhere(hub.nodes, (n) => n.name === node).map(removed)
      return gone.length > 0 ? [mirrorUpdate('nodes', [name], gone)] : []
    }
  }))
  steps.push({
    message: `Deleting network ${name}`,
    apply: () => {
      const gone = removeWhere(hub.networks, (n) => n.name === name).map(removed)
      return gone.length > 0 ? [mirrorUpdate('networks', [name], gone)] : []
    }
  })
  steps.push({
    message: `Cluster ${name} deleted`,
    apply: () => {
      const workloads = dropWorkloads(hub, name)
      const gone = removeWhere(hub.clusters, (c) => c.name === name).map(removed)
      return [...workloads, ...(gone.length > 0 ? [mirrorUpdate('clusters', [name], gone)] : [])]
    }
  })
  return { plan: { steps, revert }, pushes }
}

export interface AddRequest {
  name: string
  image: QboImage
  workers: number
  /** N in the cluster's 172.18.N.0/24. */
  subnet: number
}

/** Node objects for a new cluster, named so that none collides with a node the hub has. */
function newNodes(ctx: PlanContext, cluster: QboCluster, image: QboImage, workers: number) {
  const taken = new Set(ctx.hub.nodes.map((n) => n.name))
  const base = cluster.address.replace(/\.\d+$/, '')
  const nodes: QboNode[] = []
  for (let i = 0; i <= workers; i++) {
    let node: QboNode
    do {
      node = newNode(ctx.rand, i === 0 ? 'control' : 'node', {
        image: `kindest/node:${image.tag}`,
        cluster: cluster.name,
        cluster_id: cluster.id,
        address: `${base}.${i + 2}`,
        os: osFor(image.tag),
        // Every node of a host shares its kernel.
        kernel: ctx.hub.nodes[0]?.kernel ?? KERNELS[0] ?? ''
      })
    } while (taken.has(node.name))
    taken.add(node.name)
    nodes.push(node)
  }
  return nodes
}

/** Registers the cluster at once (reserving its name and subnet) and plans its creation. */
export function planAdd(ctx: PlanContext, request: AddRequest): PlannedCluster {
  const { hub } = ctx
  const { name, image } = request
  const base = `172.18.${request.subnet}`
  const cluster: QboCluster = {
    name,
    id: uuid(ctx.rand),
    address: `${base}.2`,
    control_plane: `https://${base}.2:6443`,
    state: 'creating',
    user: SANDBOX_USER
  }
  hub.clusters.push(cluster)
  const nodes = newNodes(ctx, cluster, image, request.workers)
  const addNode = (node: QboNode): PlanStep => ({
    message: `Creating ${node.name.startsWith('control-') ? 'control plane' : 'node'} ${node.name}`,
    apply: () => {
      hub.nodes.push(node)
      return [mirrorUpdate('nodes', [name], [node])]
    }
  })
  const steps: PlanStep[] = [
    { message: `Pulling ${image.name}`, apply: () => [] },
    {
      message: `Creating network ${name} (${base}.0/24)`,
      apply: () => {
        const subnet = `${base}.0/24`
        const network: QboNetwork = {
          name,
          id: cluster.id,
          subnet,
          state: 'ready',
          user: SANDBOX_USER
        }
        hub.networks.push(network)
        return [mirrorUpdate('networks', [name], [network])]
      }
    },
    ...nodes.map(addNode),
    {
      message: 'Waiting for nodes to become ready',
      apply: () =>
        setNodeStates(
          hub,
          name,
          nodes.map((n) => n.name),
          'ready'
        )
    },
    {
      message: `Cluster ${name} is ready`,
      apply: () => [...freshWorkloads(ctx, name), ...setClusterState(hub, name, 'running')]
    }
  ]
  return {
    plan: { steps, revert: () => setClusterState(hub, name, 'error') },
    pushes: [mirrorUpdate('clusters', [name], [cluster])]
  }
}
