import { isNodeReady, type OverviewAccount, type StateCount } from '@contract'
import type { Db } from './db'
import { prepared } from './prepared'

/** The cache's part of one account's Overview: everything but Berth's own jobs. */
export type CachedOverview = Omit<OverviewAccount, 'jobs'>

type Keyed<T> = T & { accountId: string }

// Nodes and Cycle images are read from the counts the triggers keep (a few rows per cluster or
// source and state, whatever the size of the tables); clusters and qbo images are tens of rows;
// sizes and hub jobs walk covering indexes (cycle_images_size, cycle_jobs_state).
const SQL = {
  clusters: `SELECT account_id AS accountId, state, COUNT(*) AS count FROM clusters
             GROUP BY account_id, state ORDER BY account_id, count DESC, state`,
  nodes: `SELECT account_id AS accountId, f2 AS state, SUM(n) AS count FROM row_counts
          WHERE tbl = 'nodes' GROUP BY account_id, f2 HAVING SUM(n) > 0
          ORDER BY account_id, count DESC, state`,
  images: `SELECT account_id AS accountId, registry, COUNT(*) AS count FROM images
           GROUP BY account_id, registry ORDER BY account_id, count DESC, registry`,
  cycleCounts: `SELECT account_id AS accountId, f1 AS sourceId, SUM(n) AS count FROM row_counts
                WHERE tbl = 'cycle_images' GROUP BY account_id, f1 HAVING SUM(n) > 0`,
  cycleBytes: `SELECT account_id AS accountId, source_id AS sourceId, SUM(size) AS bytes
               FROM cycle_images INDEXED BY cycle_images_size GROUP BY account_id, source_id`,
  sources: `SELECT account_id AS accountId, key AS sourceId, name FROM cycle_sources`,
  hubJobs: `SELECT account_id AS accountId, state, COUNT(*) AS count FROM cycle_jobs
            WHERE queued_at >= ? GROUP BY account_id, state ORDER BY account_id, count DESC, state`
} as const

function byAccount<T>(rows: Keyed<T>[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const { accountId, ...rest } of rows) {
    let list = out.get(accountId)
    if (!list) out.set(accountId, (list = []))
    list.push(rest as T)
  }
  return out
}

/** Ready and not, by the one rule (isNodeReady), beside the states as qbo reports them. */
function nodeFigures(byState: StateCount[]): OverviewAccount['nodes'] {
  const ready = byState.filter((s) => isNodeReady(s.state)).reduce((n, s) => n + s.count, 0)
  const all = byState.reduce((n, s) => n + s.count, 0)
  return { ready, notReady: all - ready, byState }
}

const all = <T>(db: Db, sql: string, ...params: unknown[]): Keyed<T>[] =>
  prepared(db, sql).all(...params) as Keyed<T>[]

/**
 * The Overview's figures for each of `accountIds`, in that order: clusters by state, nodes ready
 * or not, qbo images by registry, Cycle images by source with their bytes, and hub jobs queued
 * since `since` (ms since epoch) by state. Accounts with nothing cached get empty figures.
 */
export function cachedOverview(
  db: Db,
  accountIds: readonly string[],
  since: number
): CachedOverview[] {
  const clusters = byAccount(all<StateCount>(db, SQL.clusters))
  const nodes = byAccount(all<StateCount>(db, SQL.nodes))
  const images = byAccount(all<{ registry: string; count: number }>(db, SQL.images))
  const bytes = new Map(
    all<{ sourceId: string; bytes: number }>(db, SQL.cycleBytes).map((r) => [
      `${r.accountId}\n${r.sourceId}`,
      r.bytes
    ])
  )
  const names = new Map(
    all<{ sourceId: string; name: string }>(db, SQL.sources).map((r) => [
      `${r.accountId}\n${r.sourceId}`,
      r.name
    ])
  )
  const cycleImages = byAccount(
    all<{ sourceId: string; count: number }>(db, SQL.cycleCounts)
      .map((r) => {
        const key = `${r.accountId}\n${r.sourceId}`
        return { ...r, sourceName: names.get(key) || r.sourceId, bytes: bytes.get(key) ?? 0 }
      })
      .sort((a, b) => b.count - a.count || a.sourceName.localeCompare(b.sourceName))
  )
  // Cycle stamps jobs in ISO 8601 UTC, which orders as text.
  const hubJobs = byAccount(all<StateCount>(db, SQL.hubJobs, new Date(since).toISOString()))
  return accountIds.map((accountId) => ({
    accountId,
    clusters: clusters.get(accountId) ?? [],
    nodes: nodeFigures(nodes.get(accountId) ?? []),
    images: images.get(accountId) ?? [],
    cycleImages: cycleImages.get(accountId) ?? [],
    hubJobs: hubJobs.get(accountId) ?? []
  }))
}
