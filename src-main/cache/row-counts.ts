import { nodeReadySql, type ClusterSummary } from '@contract'
import type { Db } from './db'
import { naturalComputed } from './natural-key'
import { prepared } from './prepared'

/** The filter columns a table's row_counts are kept by (migration 5): `f1`, then `f2`. */
export interface Counted {
  f1?: string
  f2?: string
}

/**
 * How many rows of `table` match the account and filters, from the counts the triggers keep: a
 * sum over a few rows, whatever the size of the table. Null when a filter is not one it counts.
 */
export function countRows(
  db: Db,
  table: string,
  counted: Counted,
  accountId: string | undefined,
  where: Record<string, string>
): number | null {
  const clauses = ['tbl = ?']
  const params: unknown[] = [table]
  if (accountId) {
    clauses.push('account_id = ?')
    params.push(accountId)
  }
  for (const [column, value] of Object.entries(where)) {
    const slot = counted.f1 === column ? 'f1' : counted.f2 === column ? 'f2' : null
    if (!slot) return null
    clauses.push(`${slot} = ?`)
    params.push(value)
  }
  const sql = `SELECT COALESCE(SUM(n), 0) FROM row_counts WHERE ${clauses.join(' AND ')}`
  return prepared(db, sql)
    .pluck()
    .get(...params) as number
}

/** Nodes and ready nodes (isNodeReady) per cluster, read from the kept counts (one row per cluster and state). */
export function clusterSummaries(db: Db, accountId?: string): ClusterSummary[] {
  const sql = `SELECT account_id AS accountId, f1 AS cluster, SUM(n) AS nodes,
                      SUM(CASE WHEN ${nodeReadySql('f2')} THEN n ELSE 0 END) AS ready
               FROM row_counts WHERE tbl = 'nodes' ${accountId ? 'AND account_id = ?' : ''}
               GROUP BY account_id, f1 HAVING SUM(n) > 0 ORDER BY ${naturalComputed('f1')}, account_id`
  return prepared(db, sql).all(...(accountId ? [accountId] : [])) as ClusterSummary[]
}

/** SQL for a cluster's node count (all, or only ready ones) beside a row aliased `t`. */
export const nodeCountSql = (readyOnly: boolean): string =>
  `(SELECT COALESCE(SUM(c.n), 0) FROM row_counts c WHERE c.tbl = 'nodes'
      AND c.account_id = t.account_id AND c.f1 = t.name${readyOnly ? ` AND ${nodeReadySql('c.f2')}` : ''})`
