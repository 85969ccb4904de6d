import type { QueuedJob, Result } from '@contract'
import { clusterCan } from './state-tone'

/** What one bulk action will do to the rows picked: which it acts on, which it skips and why. */
export interface BulkPlan<Row> {
  act: Row[]
  /** Grouped by reason: "already stopped". */
  skipped: { reason: string; rows: Row[] }[]
}

/** One thing the bulk bar can do to every picked row, each row its own job. */
export interface BulkAction<Row> {
  id: string
  label: string
  danger?: boolean
  /** Said in the confirmation under what will happen ("It cannot be undone."). */
  warning?: string
  plan: (rows: readonly Row[]) => BulkPlan<Row>
  run: (row: Row) => Promise<Result<QueuedJob>>
}

export interface NamedRow {
  name: string
  state: string
}

export type ClusterBulk = 'stop' | 'start' | 'delete'

const SKIP: Record<'stop' | 'start', { can: 'stop' | 'start'; reason: (state: string) => string }> =
  {
    stop: {
      can: 'stop',
      reason: (s) => (s === 'stopped' ? 'already stopped' : `${s}, cannot stop`)
    },
    start: {
      can: 'start',
      reason: (s) => (s === 'running' || s === 'ready' ? 'already running' : `${s}, cannot start`)
    }
  }

/** Stop and Start act only where the cluster's state allows; Delete acts on every one. */
export function planClusters<Row extends NamedRow>(
  action: ClusterBulk,
  rows: readonly Row[]
): BulkPlan<Row> {
  if (action === 'delete') return { act: [...rows], skipped: [] }
  const rule = SKIP[action]
  const act: Row[] = []
  const skipped = new Map<string, Row[]>()
  for (const row of rows) {
    if (clusterCan(row.state)[rule.can]) act.push(row)
    else {
      const reason = rule.reason(row.state.toLowerCase())
      skipped.set(reason, [...(skipped.get(reason) ?? []), row])
    }
  }
  return { act, skipped: [...skipped].map(([reason, rows]) => ({ reason, rows })) }
}

/** Singular and plural, lower case: cluster, clusters. */
export interface Noun {
  one: string
  many: string
}

const VERB: Record<string, string> = { stop: 'Stop', start: 'Start', delete: 'Delete' }

/** "Stop 3 clusters: a, b, c — 1 already stopped, skipped". */
export function describePlan<Row>(
  action: string,
  noun: Noun,
  plan: BulkPlan<Row>,
  nameOf: (row: Row) => string
): string {
  const n = plan.act.length
  const what = `${VERB[action] ?? action} ${n} ${n === 1 ? noun.one : noun.many}`
  const names = plan.act.map(nameOf).join(', ')
  const head = n === 0 ? `Nothing to ${action}` : `${what}: ${names}`
  const skips = plan.skipped.map((s) => `${s.rows.length} ${s.reason}, skipped`)
  return skips.length > 0 ? `${head} — ${skips.join('; ')}` : head
}
