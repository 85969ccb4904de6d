import type { ImageRow, NetworkRow, NodeRow, ResourceKind } from '../agent/contract'

type Fresh<T> = Omit<T, 'accountId' | 'confirmedAt'> & { raw: unknown }

/** What a provider hands the cache: validated fields plus the raw object the server sent. */
export type NodeRecord = Fresh<NodeRow>
export type ImageRecord = Fresh<ImageRow>
export type NetworkRecord = Fresh<Omit<NetworkRow, 'nodeCount'>>

export interface RecordsByKind {
  nodes: NodeRecord
  images: ImageRecord
  networks: NetworkRecord
}

/** Column lists per table, in the order the upsert binds them (after account_id). */
export const tableColumns: { [K in ResourceKind]: { table: K; columns: readonly string[] } } = {
  nodes: {
    table: 'nodes',
    columns: ['name', 'id', 'cluster', 'cluster_id', 'state', 'address', 'image', 'os', 'kernel']
  },
  images: { table: 'images', columns: ['name', 'registry', 'user', 'repository', 'image', 'tag'] },
  networks: { table: 'networks', columns: ['name', 'id', 'subnet', 'state'] }
}

/** Maps a record to its column values, in `tableColumns` order. */
export function columnValues<K extends ResourceKind>(kind: K, record: RecordsByKind[K]): string[] {
  switch (kind) {
    case 'nodes': {
      const n = record as NodeRecord
      return [n.name, n.id, n.cluster, n.clusterId, n.state, n.address, n.image, n.os, n.kernel]
    }
    case 'images': {
      const i = record as ImageRecord
      return [i.name, i.registry, i.user, i.repository, i.image, i.tag]
    }
    default: {
      const w = record as NetworkRecord
      return [w.name, w.id, w.subnet, w.state]
    }
  }
}
