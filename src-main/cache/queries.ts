import type {
  ClusterRow,
  ClusterSortField,
  LoadBalancerRow,
  LoadBalancerSortField,
  PodRow,
  PodSortField,
  ServiceRow,
  ServiceSortField,
  ImageRow,
  ImageSortField,
  MethodParsedInput,
  NetworkRow,
  NetworkSortField,
  NodeDetail,
  NodeRow,
  NodeSortField,
  Page
} from '@contract'
import type { Db } from './db'
import { confirmedAtSql, natural, naturalComputed } from './list-sql'
import { listPage, type ListSpec } from './list-page'
import { nodeCountSql } from './row-counts'

export { clusterSummaries } from './row-counts'

const nodeSpec: ListSpec<NodeSortField> = {
  resource: 'nodes',
  select: `t.account_id AS accountId, t.name, t.id, t.cluster, t.cluster_id AS clusterId, t.state,
           t.address, t.image, t.os, t.kernel, ${confirmedAtSql('nodes')}`,
  from: 'nodes t',
  table: 'nodes',
  key: 'name',
  sortable: {
    name: natural('t.name'),
    cluster: natural('t.cluster'),
    state: 't.state',
    address: natural('t.address'),
    image: natural('t.image')
  },
  searchable: ['t.name', 't.cluster', 't.state', 't.address', 't.image'],
  tiebreak: [natural('t.name'), 't.account_id'],
  large: {
    indexes: {
      '': 'nodes_name',
      name: 'nodes_name',
      cluster: 'nodes_cluster',
      state: 'nodes_state',
      address: 'nodes_address',
      image: 'nodes_image'
    },
    counted: { f1: 'cluster', f2: 'state' },
    indexed: ['t.name', 't.cluster', 't.state', 't.address', 't.image']
  }
}

const imageSpec: ListSpec<ImageSortField> = {
  resource: 'images',
  select: `t.account_id AS accountId, t.name, t.registry, t.user, t.repository, t.image, t.tag,
           ${confirmedAtSql('images')}`,
  from: 'images t',
  table: 'images',
  key: 'name',
  sortable: {
    name: natural('t.name'),
    registry: naturalComputed('t.registry'),
    user: naturalComputed('t.user'),
    image: naturalComputed('t.image'),
    tag: natural('t.tag')
  },
  searchable: ['t.name', 't.tag'],
  tiebreak: [natural('t.name'), 't.account_id']
}

const networkSpec: ListSpec<NetworkSortField> = {
  resource: 'networks',
  // The owner has no column of its own (no migration for one field): read from the raw JSON,
  // per row of a page only.
  select: `t.account_id AS accountId, t.name, t.id, t.subnet, t.state,
           coalesce(json_extract(t.raw, '$.user'), '') AS user, ${confirmedAtSql('networks')},
           ${nodeCountSql(false)} AS nodeCount`,
  from: 'networks t',
  table: 'networks',
  key: 'name',
  sortable: {
    name: naturalComputed('t.name'),
    subnet: naturalComputed('t.subnet'),
    state: 't.state',
    nodeCount: 'nodeCount'
  },
  searchable: ['t.name', 't.subnet', 't.state'],
  tiebreak: [naturalComputed('t.name'), 't.account_id']
}

const clusterSpec: ListSpec<ClusterSortField> = {
  resource: 'clusters',
  select: `t.account_id AS accountId, t.name, t.id, t.address, t.control_plane AS controlPlane,
           t.state, ${confirmedAtSql('clusters')},
           ${nodeCountSql(false)} AS nodeCount, ${nodeCountSql(true)} AS readyCount`,
  from: 'clusters t',
  table: 'clusters',
  key: 'name',
  sortable: {
    name: natural('t.name'),
    state: 't.state',
    address: naturalComputed('t.address'),
    nodeCount: 'nodeCount'
  },
  searchable: ['t.name', 't.state', 't.address', 't.control_plane'],
  tiebreak: [natural('t.name'), 't.account_id']
}

const podSpec: ListSpec<PodSortField> = {
  resource: 'pods',
  select: `t.account_id AS accountId, t.name, t.id, t.namespace, t.address, t.status, t.ready,
           t.started, t.node, t.cluster, ${confirmedAtSql('pods')}`,
  from: 'pods t',
  table: 'pods',
  key: 'key',
  sortable: {
    name: natural('t.name'),
    namespace: natural('t.namespace'),
    status: 't.status',
    node: natural('t.node'),
    cluster: natural('t.cluster')
  },
  searchable: ['t.name', 't.namespace', 't.status', 't.node'],
  tiebreak: [natural('t.name'), 't.account_id', 't.key'],
  large: {
    indexes: {
      '': 'pods_name',
      name: 'pods_name',
      namespace: 'pods_namespace',
      status: 'pods_status',
      node: 'pods_node',
      cluster: 'pods_cluster'
    },
    counted: { f1: 'cluster' },
    indexed: ['t.name', 't.namespace', 't.status', 't.node']
  }
}

const serviceSpec: ListSpec<ServiceSortField> = {
  resource: 'services',
  select: `t.account_id AS accountId, t.name, t.id, t.namespace, t.address,
           t.external_address AS externalAddress, t.type, t.port_name AS portName,
           t.port_number AS portNumber, t.target_port AS targetPort, t.node_port AS nodePort,
           t.protocol, t.cluster, ${confirmedAtSql('services')}`,
  from: 'services t',
  table: 'services',
  key: 'key',
  sortable: {
    name: natural('t.name'),
    namespace: natural('t.namespace'),
    type: 't.type',
    cluster: natural('t.cluster')
  },
  searchable: ['t.name', 't.namespace', 't.type', 't.address', 't.external_address'],
  tiebreak: [natural('t.name'), 't.account_id', 't.key'],
  large: {
    indexes: {
      '': 'services_name',
      name: 'services_name',
      namespace: 'services_namespace',
      type: 'services_type',
      cluster: 'services_cluster'
    },
    counted: { f1: 'cluster' },
    indexed: ['t.name', 't.namespace', 't.type', 't.address', 't.external_address']
  }
}

const loadBalancerSpec: ListSpec<LoadBalancerSortField> = {
  resource: 'loadBalancers',
  select: `t.account_id AS accountId, t.id, t.vip, t.vip_port AS vipPort, t.rip,
           t.rip_port AS ripPort, t.protocol, t.scheduler, t.forward, t.weight, t.state, t.node,
           t.cluster, ${confirmedAtSql('loadBalancers')}`,
  from: 'load_balancers t',
  table: 'load_balancers',
  key: 'key',
  sortable: {
    vip: natural('t.vip'),
    rip: natural('t.rip'),
    state: 't.state',
    node: natural('t.node'),
    cluster: natural('t.cluster')
  },
  searchable: ['t.vip', 't.rip', 't.node', 't.state'],
  tiebreak: [natural('t.vip'), 't.account_id', 't.key'],
  large: {
    indexes: {
      '': 'load_balancers_vip',
      vip: 'load_balancers_vip',
      rip: 'load_balancers_rip',
      state: 'load_balancers_state',
      node: 'load_balancers_node',
      cluster: 'load_balancers_cluster'
    },
    counted: { f1: 'cluster' },
    indexed: ['t.vip', 't.rip', 't.node', 't.state']
  }
}

export const listClusters = (db: Db, q: MethodParsedInput<'clusters.list'>): Page<ClusterRow> =>
  listPage(db, clusterSpec, q)

export const listPods = (db: Db, q: MethodParsedInput<'pods.list'>): Page<PodRow> =>
  listPage(db, podSpec, { ...q, where: { 't.cluster': q.cluster } })

export const listServices = (db: Db, q: MethodParsedInput<'services.list'>): Page<ServiceRow> =>
  listPage(db, serviceSpec, { ...q, where: { 't.cluster': q.cluster } })

export const listLoadBalancers = (
  db: Db,
  q: MethodParsedInput<'loadBalancers.list'>
): Page<LoadBalancerRow> =>
  listPage(db, loadBalancerSpec, { ...q, where: { 't.cluster': q.cluster } })

/** One cluster and its network (qbo names the network after the cluster), or null. */
export function getCluster(
  db: Db,
  accountId: string,
  cluster: string
): { cluster: ClusterRow; network: NetworkRow | null } | null {
  const found = listPage<ClusterRow, ClusterSortField>(db, clusterSpec, {
    accountId,
    offset: 0,
    limit: 1,
    where: { 't.name': cluster }
  }).items[0]
  if (!found) return null
  const network =
    listPage<NetworkRow, NetworkSortField>(db, networkSpec, {
      accountId,
      offset: 0,
      limit: 1,
      where: { 't.name': cluster }
    }).items[0] ?? null
  return { cluster: found, network }
}

export const listNodes = (db: Db, q: MethodParsedInput<'nodes.list'>): Page<NodeRow> =>
  listPage(db, nodeSpec, { ...q, where: { 't.cluster': q.cluster } })

export const listImages = (db: Db, q: MethodParsedInput<'images.list'>): Page<ImageRow> =>
  listPage(db, imageSpec, q)

export const listNetworks = (db: Db, q: MethodParsedInput<'networks.list'>): Page<NetworkRow> =>
  listPage(db, networkSpec, q)

/** One node with the object the server sent for it (every field, as sent), or null. */
export function getNode(db: Db, accountId: string, name: string): NodeDetail | null {
  const node = listPage<NodeRow, NodeSortField>(db, nodeSpec, {
    accountId,
    offset: 0,
    limit: 1,
    where: { 't.name': name }
  }).items[0]
  if (!node) return null
  const raw = db
    .prepare('SELECT raw FROM nodes WHERE account_id = ? AND name = ?')
    .pluck()
    .get(accountId, name) as string
  const parsed = JSON.parse(raw) as unknown
  return { node, raw: isObject(parsed) ? parsed : {} }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
