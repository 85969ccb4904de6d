import type { RecordDetail, ResourceKind } from '@contract'
import type { Db } from './db'
import { tables } from './records'

/**
 * One cached row of any kind, by the key the cache stores it under (a name, or a composite key
 * for pods, services and load balancer entries), with the object the server sent for it; null
 * when the cache has no such row.
 */
export function recordDetail(
  db: Db,
  kind: ResourceKind,
  accountId: string,
  key: string
): RecordDetail | null {
  const spec = tables[kind]
  // Table and column names come from the cache's own table specs, never from the caller.
  const columns = spec.fields.map(([field, column]) => `"${column}" AS "${field}"`).join(', ')
  const found = db
    .prepare(
      `SELECT ${columns}, raw FROM "${spec.table}" WHERE account_id = ? AND "${spec.key}" = ?`
    )
    .get(accountId, key) as Record<string, unknown> | undefined
  if (!found) return null
  const { raw, ...row } = found
  const parsed = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : null
  return { kind, key, row, raw: isObject(parsed) ? parsed : {} }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
