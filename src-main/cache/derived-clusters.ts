import type { ClusterRecord } from './records'
import type { Db } from './db'

/** What a cluster row built from nodes says of itself in its raw object. */
export const DERIVED_FROM_NODES = 'nodes'

/**
 * Cluster rows for an account whose server refuses `get clusters`, built from the cluster each
 * cached node names. Only what the nodes say is filled: the name and the cluster id; the state is
 * "unknown" (no node knows it) and the address and control plane are left empty rather than
 * guessed. The raw object says where the row came from.
 */
export function clustersFromNodes(db: Db, accountId: string): ClusterRecord[] {
  const rows = db
    .prepare(
      `SELECT cluster, MIN(cluster_id) AS id FROM nodes
       WHERE account_id = ? AND cluster <> '' GROUP BY cluster ORDER BY cluster`
    )
    .all(accountId) as Array<{ cluster: string; id: string | null }>
  return rows.map(({ cluster, id }) => ({
    name: cluster,
    id: id ?? '',
    address: '',
    controlPlane: '',
    state: 'unknown',
    raw: { name: cluster, id: id ?? '', state: 'unknown', derivedFrom: DERIVED_FROM_NODES }
  }))
}
