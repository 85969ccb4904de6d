/** The single user of a sandbox hub; it owns every object and is named in every envelope. */
export const SANDBOX_USER = 'sandbox@berth.local'

// Wire objects, field for field as qbo sends them. Every value is a string on the wire (ports and
// weights included), so clients that parse each field as text need no special cases.

export interface QboNode {
  name: string
  id: string
  image: string
  cluster: string
  state: string
  address: string
  os: string
  kernel: string
  user: string
  cluster_id: string
}

export interface QboImage {
  name: string
  registry: string
  user: string
  repository: string
  image: string
  tag: string
}

export interface QboNetwork {
  name: string
  id: string
  subnet: string
  state: string
  user: string
}

export interface QboCluster {
  name: string
  id: string
  address: string
  control_plane: string
  state: string
  user: string
}

export interface QboPod {
  name: string
  id: string
  namespace: string
  address: string
  status: string
  ready: string
  started: string
  node: string
  node_status: string
  cluster: string
  cluster_id: string
  user: string
}

export interface QboService {
  name: string
  id: string
  namespace: string
  address: string
  external_address: string
  type: string
  port_name: string
  port_number: string
  target_port: string
  node_port: string
  protocol: string
  cluster: string
  user: string
}

export interface QboIpvs {
  id: string
  vip: string
  vip_port: string
  rip: string
  rip_port: string
  protocol: string
  scheduler: string
  forward: string
  weight: string
  state: string
  node: string
  cluster: string
  user: string
}

/** The live state a sandbox serves; field names are exactly those of the qbo wire format. */
export interface QboHub {
  nodes: QboNode[]
  images: QboImage[]
  networks: QboNetwork[]
  clusters: QboCluster[]
  pods: QboPod[]
  services: QboService[]
  ipvs: QboIpvs[]
}

/** The cluster's Kubernetes objects: they exist only while its nodes run. */
export interface Workloads {
  pods: QboPod[]
  services: QboService[]
  ipvs: QboIpvs[]
}

/**
 * How a mirror announces that an object is gone: the object once more, with `state: "deleted"`
 * (added as an extra field on kinds that have no `state` of their own).
 */
export type Mirrored<T> = T & { state?: string }
