import { chars, hex, intBelow, uuid } from './random'
import type { Random } from './random'
import { SANDBOX_USER } from './types'
import type { QboCluster, QboIpvs, QboNode, QboPod, QboService, Workloads } from './types'

// Kubernetes builds ReplicaSet hashes and pod suffixes from this alphabet (no vowels, no 0/1/3).
const K8S_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
const CONTROL_PLANE_PODS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']
/** The one LoadBalancer service every sandbox cluster runs, fronted by IPVS on its workers. */
const APP = { name: 'web', replicas: 2, port: '80', targetPort: '8080' }

export interface WorkloadOptions {
  cluster: QboCluster
  /** The cluster's nodes, control plane first, as the hub lists them. */
  nodes: QboNode[]
  rand: Random
  /** Epoch milliseconds; pods report start times shortly after it. */
  startedAt: number
}

function podFactory({ cluster, rand, startedAt }: WorkloadOptions) {
  return (name: string, namespace: string, node: QboNode, address: string): QboPod => ({
    name,
    id: uuid(rand),
    namespace,
    address,
    status: 'Running',
    ready: '1/1',
    // Within a couple of minutes of the cluster coming up, in whole seconds as kubectl shows.
    started: new Date(startedAt + intBelow(rand, 120) * 1000).toISOString().replace('.000', ''),
    node: node.name,
    node_status: node.state,
    cluster: cluster.name,
    cluster_id: cluster.id,
    user: SANDBOX_USER
  })
}

/** Pod IPs come from the per-node slice of kind's default pod CIDR, 10.244.0.0/16. */
function podAddress(nodeIndex: number, host: number): string {
  return `10.244.${nodeIndex}.${host}`
}

function systemPods(options: WorkloadOptions, control: QboNode): QboPod[] {
  const { nodes, rand } = options
  const pod = podFactory(options)
  // Static control-plane pods are named after their node and share its network namespace.
  const pods = CONTROL_PLANE_PODS.map((prefix) =>
    pod(`${prefix}-${control.name}`, 'kube-system', control, control.address)
  )
  const dnsHash = chars(rand, K8S_ALPHABET, 10)
  for (let i = 0; i < 2; i++) {
    const name = `coredns-${dnsHash}-${chars(rand, K8S_ALPHABET, 5)}`
    pods.push(pod(name, 'kube-system', control, podAddress(0, 2 + i)))
  }
  for (const node of nodes) {
    pods.push(pod(`kube-proxy-${chars(rand, K8S_ALPHABET, 5)}`, 'kube-system', node, node.address))
  }
  return pods
}

function appPods(options: WorkloadOptions, workers: QboNode[]): QboPod[] {
  const pod = podFactory(options)
  const hash = chars(options.rand, K8S_ALPHABET, 10)
  return Array.from({ length: APP.replicas }, (_, i) => {
    const index = i % workers.length
    const node = workers[index] as QboNode
    const name = `${APP.name}-${hash}-${chars(options.rand, K8S_ALPHABET, 5)}`
    // Worker k owns the pod CIDR slice k+1: slice 0 belongs to the control plane.
    return pod(name, 'default', node, podAddress(index + 1, 2 + Math.floor(i / workers.length)))
  })
}

function services(options: WorkloadOptions, vip: string, nodePort: string): QboService[] {
  const { cluster, rand } = options
  const base = { cluster: cluster.name, user: SANDBOX_USER }
  return [
    {
      name: 'kubernetes',
      id: uuid(rand),
      namespace: 'default',
      address: '10.96.0.1',
      external_address: '',
      type: 'ClusterIP',
      port_name: 'https',
      port_number: '443',
      target_port: '6443',
      node_port: '',
      protocol: 'TCP',
      ...base
    },
    {
      name: 'kube-dns',
      id: uuid(rand),
      namespace: 'kube-system',
      address: '10.96.0.10',
      external_address: '',
      type: 'ClusterIP',
      port_name: 'dns',
      port_number: '53',
      target_port: '53',
      node_port: '',
      protocol: 'UDP',
      ...base
    },
    {
      name: APP.name,
      id: uuid(rand),
      namespace: 'default',
      address: `10.96.${1 + intBelow(rand, 254)}.${1 + intBelow(rand, 254)}`,
      external_address: vip,
      type: 'LoadBalancer',
      port_name: 'http',
      port_number: APP.port,
      target_port: APP.targetPort,
      node_port: nodePort,
      protocol: 'TCP',
      ...base
    }
  ]
}

/** The load balancer's real servers: the first two workers, each forwarding to the node port. */
function ipvs(options: WorkloadOptions, workers: QboNode[], vip: string, nodePort: string) {
  return workers.slice(0, 2).map((node): QboIpvs => ({
    id: uuid(options.rand),
    vip,
    vip_port: APP.port,
    rip: node.address,
    rip_port: nodePort,
    protocol: 'TCP',
    scheduler: 'rr',
    forward: 'masq',
    weight: '1',
    state: 'active',
    node: node.name,
    cluster: options.cluster.name,
    user: SANDBOX_USER
  }))
}

/** The load balancer address: the top of the cluster's /24, far above any node address. */
function loadBalancerAddress(cluster: QboCluster): string {
  return cluster.address.replace(/\.\d+$/, '.254')
}

/** What a fresh kind cluster runs: kube-system pods, one small app, its LoadBalancer and IPVS. */
export function workloadsFor(options: WorkloadOptions): Workloads {
  const [control, ...rest] = options.nodes
  if (control === undefined) return { pods: [], services: [], ipvs: [] }
  // A single-node cluster schedules its workloads on the control plane, as kind does.
  const workers = rest.length > 0 ? rest : [control]
  const vip = loadBalancerAddress(options.cluster)
  const nodePort = String(30000 + intBelow(options.rand, 2768))
  return {
    pods: [...systemPods(options, control), ...appPods(options, workers)],
    services: services(options, vip, nodePort),
    ipvs: ipvs(options, workers, vip, nodePort)
  }
}

/** A node container as kind creates it, not yet ready. */
export function newNode(
  rand: Random,
  role: 'control' | 'node',
  fields: Pick<QboNode, 'image' | 'cluster' | 'cluster_id' | 'address' | 'os' | 'kernel'>
): QboNode {
  return {
    name: `${role}-${hex(rand, 8)}.localhost`,
    id: hex(rand, 64),
    image: fields.image,
    cluster: fields.cluster,
    state: 'creating',
    address: fields.address,
    os: fields.os,
    kernel: fields.kernel,
    user: SANDBOX_USER,
    cluster_id: fields.cluster_id
  }
}
