import type { ResourceKind } from '@contract'
import type { RecordsByKind } from '../../cache/records'
import type { QboPayloadKind } from './schemas'
import type {
  QboCluster,
  QboImage,
  QboIpvs,
  QboNetwork,
  QboNode,
  QboPod,
  QboService
} from './schemas'

/** Which cache resource each qbo payload array feeds. */
export const resourceOfPayload = {
  nodes: 'nodes',
  images: 'images',
  networks: 'networks',
  clusters: 'clusters',
  pods: 'pods',
  services: 'services',
  ipvs: 'loadBalancers'
} as const satisfies { [P in QboPayloadKind]: ResourceKind }

export const nodeRecord = (n: QboNode): RecordsByKind['nodes'] => ({
  name: n.name,
  id: n.id,
  cluster: n.cluster,
  clusterId: n.cluster_id,
  state: n.state,
  address: n.address,
  image: n.image,
  os: n.os,
  kernel: n.kernel,
  raw: n
})

export const imageRecord = (i: QboImage): RecordsByKind['images'] => ({
  name: i.name,
  registry: i.registry,
  user: i.user,
  repository: i.repository,
  image: i.image,
  tag: i.tag,
  raw: i
})

export const networkRecord = (w: QboNetwork): RecordsByKind['networks'] => ({
  name: w.name,
  id: w.id,
  subnet: w.subnet,
  state: w.state,
  raw: w
})

export const clusterRecord = (c: QboCluster): RecordsByKind['clusters'] => ({
  name: c.name,
  id: c.id,
  address: c.address,
  controlPlane: c.control_plane,
  state: c.state,
  raw: c
})

// Pods and services are unique per cluster and namespace, not by name alone.
export const podRecord = (p: QboPod): RecordsByKind['pods'] => ({
  key: `${p.cluster}/${p.namespace}/${p.name}`,
  name: p.name,
  id: p.id,
  namespace: p.namespace,
  address: p.address,
  status: p.status,
  ready: p.ready,
  started: p.started,
  node: p.node,
  cluster: p.cluster,
  raw: p
})

export const serviceRecord = (s: QboService): RecordsByKind['services'] => ({
  key: `${s.cluster}/${s.namespace}/${s.name}/${s.port_name}/${s.port_number}`,
  name: s.name,
  id: s.id,
  namespace: s.namespace,
  address: s.address,
  externalAddress: s.external_address,
  type: s.type,
  portName: s.port_name,
  portNumber: s.port_number,
  targetPort: s.target_port,
  nodePort: s.node_port,
  protocol: s.protocol,
  cluster: s.cluster,
  raw: s
})

export const loadBalancerRecord = (l: QboIpvs): RecordsByKind['loadBalancers'] => ({
  key: l.id || `${l.cluster}/${l.vip}:${l.vip_port}/${l.rip}:${l.rip_port}`,
  id: l.id,
  vip: l.vip,
  vipPort: l.vip_port,
  rip: l.rip,
  ripPort: l.rip_port,
  protocol: l.protocol,
  scheduler: l.scheduler,
  forward: l.forward,
  weight: l.weight,
  state: l.state,
  node: l.node,
  cluster: l.cluster,
  raw: l
})
