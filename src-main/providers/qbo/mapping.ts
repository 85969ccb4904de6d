import type { ImageRecord, NetworkRecord, NodeRecord } from '../../cache/records'
import type { QboImage, QboNetwork, QboNode } from './schemas'

export const nodeRecord = (n: QboNode): NodeRecord => ({
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

export const imageRecord = (i: QboImage): ImageRecord => ({
  name: i.name,
  registry: i.registry,
  user: i.user,
  repository: i.repository,
  image: i.image,
  tag: i.tag,
  raw: i
})

export const networkRecord = (w: QboNetwork): NetworkRecord => ({
  name: w.name,
  id: w.id,
  subnet: w.subnet,
  state: w.state,
  raw: w
})
