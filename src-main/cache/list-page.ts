import type { Page } from '@contract'
import type { Db } from './db'

/** How one resource is listed: which SQL yields contract-shaped rows and what may sort or match. */
export interface ListSpec<Field extends string> {
  resource: string
  /** SELECT list whose aliases are the contract's field names. */
  select: string
  from: string
  /** Contract sort field → SQL expression (a whitelist: nothing else reaches ORDER BY). */
  sortable: Record<Field, string>
  searchable: readonly string[]
  tiebreak: string
  /** Turns a selected row into the contract's shape when SQL alone cannot (JSON columns). */
  map?: (row: Record<string, unknown>) => unknown
}

export interface ListRequest<Field extends string> {
  accountId?: string | undefined
  search?: string | undefined
  sort?: { field: Field; dir: 'asc' | 'desc' } | undefined
  offset: number
  limit: number
  /** Extra equality filters: SQL column → value. */
  where?: Record<string, string | undefined>
}

const escapeLike = (term: string): string => term.replace(/[\\%_]/g, (c) => `\\${c}`)

export function listPage<Row, Field extends string>(
  db: Db,
  spec: ListSpec<Field>,
  request: ListRequest<Field>
): Page<Row> {
  const clauses: string[] = []
  const params: unknown[] = []
  if (request.accountId) {
    clauses.push('t.account_id = ?')
    params.push(request.accountId)
  }
  for (const [column, value] of Object.entries(request.where ?? {})) {
    if (value === undefined) continue
    clauses.push(`${column} = ?`)
    params.push(value)
  }
  const term = request.search?.trim()
  if (term) {
    const like = `%${escapeLike(term)}%`
    clauses.push(`(${spec.searchable.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`)
    for (let i = 0; i < spec.searchable.length; i++) params.push(like)
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
  const sort = request.sort
  const order = sort
    ? `${spec.sortable[sort.field]} ${sort.dir === 'desc' ? 'DESC' : 'ASC'}, ${spec.tiebreak}`
    : spec.tiebreak

  const total = db
    .prepare(`SELECT COUNT(*) FROM ${spec.from} ${where}`)
    .pluck()
    .get(...params) as number
  const items = db
    .prepare(`SELECT ${spec.select} FROM ${spec.from} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, request.limit, request.offset) as Record<string, unknown>[]
  return {
    items: (spec.map ? items.map(spec.map) : items) as Row[],
    total,
    offset: request.offset,
    asOf: asOf(db, spec.resource, request.accountId)
  }
}

/** The oldest confirmation among the accounts shown: a page is only as fresh as its stalest part. */
function asOf(db: Db, resource: string, accountId: string | undefined): number | null {
  const sql = `SELECT MIN(s.synced_at) FROM sync_state s JOIN accounts a ON a.id = s.account_id
               WHERE s.resource = ?${accountId ? ' AND s.account_id = ?' : ''}`
  const args = accountId ? [resource, accountId] : [resource]
  return (
    (db
      .prepare(sql)
      .pluck()
      .get(...args) as number | null) ?? null
  )
}
