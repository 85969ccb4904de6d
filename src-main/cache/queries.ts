import type {
  ClusterSummary,
  ImageRow,
  ImageSortField,
  MethodParsedInput,
  NetworkRow,
  NetworkSortField,
  NodeRow,
  NodeSortField,
  Page
} from '../agent/contract'
import type { Db } from './db'
import { listPage, type ListSpec } from './list-page'

const nodeSpec: ListSpec<NodeSortField> = {
  resource: 'nodes',
  select: `t.account_id AS accountId, t.name, t.id, t.cluster, t.cluster_id AS clusterId, t.state,
           t.address, t.image, t.os, t.kernel, t.confirmed_at AS confirmedAt`,
  from: 'nodes t',
  sortable: {
    name: 't.name',
    cluster: 't.cluster',
    state: 't.state',
    address: 't.address',
    image: 't.image'
  },
  searchable: ['t.name', 't.cluster', 't.state', 't.address', 't.image'],
  tiebreak: 't.name, t.account_id'
}

const imageSpec: ListSpec<ImageSortField> = {
  resource: 'images',
  select: `t.account_id AS accountId, t.name, t.registry, t.user, t.repository, t.image, t.tag,
           t.confirmed_at AS confirmedAt`,
  from: 'images t',
  sortable: {
    name: 't.name',
    registry: 't.registry',
    user: 't.user',
    image: 't.image',
    tag: 't.tag'
  },
  searchable: ['t.name', 't.tag'],
  tiebreak: 't.name, t.account_id'
}

const networkSpec: ListSpec<NetworkSortField> = {
  resource: 'networks',
  select: `t.account_id AS accountId, t.name, t.id, t.subnet, t.state, t.confirmed_at AS confirmedAt,
           (SELECT COUNT(*) FROM nodes n WHERE n.account_id = t.account_id AND n.cluster = t.name)
             AS nodeCount`,
  from: 'networks t',
  sortable: { name: 't.name', subnet: 't.subnet', state: 't.state', nodeCount: 'nodeCount' },
  searchable: ['t.name', 't.subnet', 't.state'],
  tiebreak: 't.name, t.account_id'
}

export const listNodes = (db: Db, q: MethodParsedInput<'nodes.list'>): Page<NodeRow> =>
  listPage(db, nodeSpec, { ...q, where: { 't.cluster': q.cluster } })

export const listImages = (db: Db, q: MethodParsedInput<'images.list'>): Page<ImageRow> =>
  listPage(db, imageSpec, q)

export const listNetworks = (db: Db, q: MethodParsedInput<'networks.list'>): Page<NetworkRow> =>
  listPage(db, networkSpec, q)

export function clusterSummaries(db: Db, accountId?: string): ClusterSummary[] {
  return db
    .prepare(
      `SELECT account_id AS accountId, cluster, COUNT(*) AS nodes,
              SUM(state = 'ready') AS ready
       FROM nodes ${accountId ? 'WHERE account_id = ?' : ''}
       GROUP BY account_id, cluster ORDER BY cluster, account_id`
    )
    .all(...(accountId ? [accountId] : [])) as ClusterSummary[]
}
