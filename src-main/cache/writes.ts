import type { ResourceKind } from '@contract'
import type { Db } from './db'
import { columnValues, recordKey, tables, type RecordsByKind } from './records'
import { rowHash } from './row-hash'
import { emptySummary, type Brief, type WriteSummary } from './write-summary'

export type { Brief, WriteSummary } from './write-summary'

/** Marks a key the incoming set has already delivered. */
const SEEN = Symbol('seen')
/** A row's stored hash; null for rows cached before hashes existed (never equal to one). */
type Known = string | null | undefined | typeof SEEN

/** One kind's statements for one write, and the bookkeeping every write shares. */
class Writer<K extends ResourceKind> {
  readonly summary = emptySummary()
  private readonly upsert
  private readonly hash
  private readonly briefOf
  private readonly remove
  private readonly brief

  constructor(
    private readonly db: Db,
    private readonly accountId: string,
    private readonly kind: K,
    private readonly now: number
  ) {
    const { table, key, fields, brief } = tables[kind]
    const columns = fields.map(([, column]) => column)
    const all = ['account_id', ...columns, 'raw', 'hash', 'confirmed_at']
    const updates = [...columns, 'raw', 'hash', 'confirmed_at'].map((c) => `${c} = excluded.${c}`)
    this.upsert = db.prepare(
      `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
       ON CONFLICT (account_id, ${key}) DO UPDATE SET ${updates.join(', ')}`
    )
    const where = `WHERE account_id = ? AND ${key} = ?`
    this.hash = db.prepare(`SELECT hash FROM ${table} ${where}`).pluck()
    this.brief = brief as readonly string[] | undefined
    if (this.brief) {
      const columnOf = new Map<string, string>(fields)
      const select = this.brief.map((f) => `${columnOf.get(f)} AS ${f}`).join(', ')
      this.briefOf = db.prepare(`SELECT ${select} FROM ${table} ${where}`)
      this.remove = db.prepare(`DELETE FROM ${table} ${where} RETURNING ${select}`)
    } else {
      this.remove = db.prepare(`DELETE FROM ${table} ${where}`)
    }
  }

  /** Every stored key of the account's set with its hash: the one read a full set needs. */
  known(): Map<string, Known> {
    const { table, key } = tables[this.kind]
    const rows = this.db
      .prepare(`SELECT ${key}, hash FROM ${table} WHERE account_id = ?`)
      .raw()
      .all(this.accountId) as Array<[string, string | null]>
    return new Map<string, Known>(rows)
  }

  hashOf(key: string): Known {
    return this.hash.get(this.accountId, key) as string | null | undefined
  }

  /** Writes the record unless its stored version (`was`) hashes the same. */
  put(record: RecordsByKind[K], key: string, was: Known): void {
    const values = columnValues(this.kind, record)
    const raw = JSON.stringify(record.raw)
    const hash = rowHash(values, raw)
    if (was === hash) {
      this.summary.unchanged++
      return
    }
    if (was === undefined) this.summary.inserted++
    else {
      this.summary.updated++
      this.noteChange(record, key)
    }
    this.upsert.run(this.accountId, ...values, raw, hash, this.now)
  }

  drop(key: string): void {
    if (!this.briefOf) {
      this.summary.removed += this.remove.run(this.accountId, key).changes
      return
    }
    const before = this.remove.get(this.accountId, key) as Brief | undefined
    if (!before) return
    this.summary.removed++
    this.summary.gone.push({ key, before })
  }

  private noteChange(record: RecordsByKind[K], key: string): void {
    if (!this.brief || !this.briefOf) return
    const before = this.briefOf.get(this.accountId, key) as Brief
    const fields = record as unknown as Record<string, unknown>
    const after = Object.fromEntries(this.brief.map((f) => [f, fields[f]]))
    if (this.brief.some((f) => before[f] !== after[f])) {
      this.summary.changed.push({ key, before, after })
    }
  }
}

/**
 * Replaces an account's whole set of one resource in one transaction: rows the server no longer
 * lists disappear, and a crash part-way leaves the previous consistent set. Only rows whose
 * content hash differs are written, so a refresh of unchanged data writes no row; freshness is
 * the set's (`sync_state.synced_at`), while a row's `confirmed_at` is when it last changed.
 */
export function replaceSet<K extends ResourceKind>(
  db: Db,
  accountId: string,
  kind: K,
  records: readonly RecordsByKind[K][],
  now = Date.now()
): WriteSummary {
  return db.transaction(() => {
    const writer = new Writer(db, accountId, kind, now)
    const known = writer.known()
    for (const record of records) {
      const key = recordKey(kind, record)
      writer.put(record, key, known.get(key))
      known.set(key, SEEN)
    }
    for (const [key, was] of known) if (was !== SEEN) writer.drop(key)
    db.prepare(
      `INSERT INTO sync_state (account_id, resource, synced_at) VALUES (?, ?, ?)
       ON CONFLICT (account_id, resource) DO UPDATE SET synced_at = excluded.synced_at`
    ).run(accountId, kind, now)
    return writer.summary
  })()
}

/** Applies pushed rows (a mirror update) without touching the rest of the set. */
export function patchRows<K extends ResourceKind>(
  db: Db,
  accountId: string,
  kind: K,
  records: readonly RecordsByKind[K][],
  now = Date.now()
): WriteSummary {
  return db.transaction(() => {
    const writer = new Writer(db, accountId, kind, now)
    for (const record of records) {
      const key = recordKey(kind, record)
      writer.put(record, key, writer.hashOf(key))
    }
    return writer.summary
  })()
}

/** Removes rows the server announced as gone, by their key within the account. */
export function removeRows(
  db: Db,
  accountId: string,
  kind: ResourceKind,
  keys: readonly string[]
): WriteSummary {
  return db.transaction(() => {
    const writer = new Writer(db, accountId, kind, 0)
    for (const key of keys) writer.drop(key)
    return writer.summary
  })()
}
