import type { ResourceKind } from '@contract'
import type { Db } from './db'
import { naturalColumnsOf, storedNaturalColumn } from './natural-key'
import { NaturalKeyMemo } from './natural-key-memo'
import { columnValues, recordKey, tables, type RecordsByKind } from './records'
import { rowHash } from './row-hash'
import { emptySummary, type Brief } from './write-summary'

/** Marks a key the incoming set has already delivered. */
export const SEEN = Symbol('seen')
/** A row's stored hash; null for rows cached before hashes existed (never equal to one). */
export type Known = string | null | undefined | typeof SEEN

/** A record as its row will be written: the work of a write that needs no database. */
export interface Row {
  key: string
  values: unknown[]
  raw: string
  hash: string
}

/**
 * `rawText`: the record's raw JSON as the server sent it, when the caller has it (a qbo reply's
 * item): taken as is instead of serialising the parsed copy again.
 */
export function rowOf<K extends ResourceKind>(
  kind: K,
  record: RecordsByKind[K],
  rawText?: string
): Row {
  const values = columnValues(kind, record)
  const raw = rawText ?? JSON.stringify(record.raw)
  return { key: recordKey(kind, record), values, raw, hash: rowHash(values, raw) }
}

/**
 * Rows gathered in a table of their own (staged-rows.ts): its name and its columns' names (the
 * row's fields, raw and hash), then the stored natural-order keys, named as in the table.
 */
export interface RowSource {
  table: string
  columns: readonly string[]
  naturalKeys: readonly string[]
}

/** One kind's statements for one write, and the bookkeeping every write shares. */
export class RowWriter<K extends ResourceKind> {
  readonly summary = emptySummary()
  private readonly upsert
  private readonly upsertSql: string
  private readonly conflict: string
  private readonly hash
  private readonly briefOf
  private readonly remove
  private readonly brief
  /** Where each brief field sits among a row's values. */
  private readonly briefAt: number[]
  /** The columns whose natural-order keys are stored, and where they sit among a row's values. */
  private readonly natural: readonly string[]
  private readonly naturalAt: readonly number[]
  private readonly naturalMemo: NaturalKeyMemo

  constructor(
    private readonly db: Db,
    private readonly accountId: string,
    private readonly kind: K,
    private readonly now: number
  ) {
    const { table, key, fields, brief } = tables[kind]
    const columns = fields.map(([, column]) => column)
    // Each naturally sorted column's key (migration 9), computed once per row written.
    const natural = naturalColumnsOf(table)
    this.natural = natural
    this.naturalAt = natural.map((c) => columns.indexOf(c))
    this.naturalMemo = new NaturalKeyMemo(natural.length)
    const keys = natural.map(storedNaturalColumn)
    const all = ['account_id', ...columns, 'raw', 'hash', 'confirmed_at', ...keys]
    const updates = [...columns, 'raw', 'hash', 'confirmed_at', ...keys].map(
      (c) => `${c} = excluded.${c}`
    )
    const conflict = `ON CONFLICT (account_id, ${key}) DO UPDATE SET ${updates.join(', ')}`
    this.upsertSql = `INSERT INTO ${table} (${all.join(', ')})`
    this.upsert = db.prepare(
      `${this.upsertSql} VALUES (${all.map(() => '?').join(', ')}) ${conflict}`
    )
    this.conflict = conflict
    const where = `WHERE account_id = ? AND ${key} = ?`
    this.hash = db.prepare(`SELECT hash FROM ${table} ${where}`).pluck()
    this.brief = brief as readonly string[] | undefined
    this.briefAt = (this.brief ?? []).map((f) => fields.findIndex(([field]) => field === f))
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

  /**
   * Inserts every staged row into a set that holds none of them yet (a first fill), in key order,
   * with one statement: no row crosses into JavaScript. Duplicates of a key: the last one wins.
   */
  insertStaged(staged: RowSource): void {
    const { key } = tables[this.kind]
    const values = [...staged.columns, '?', ...staged.naturalKeys]
    this.db
      .prepare(
        `${this.upsertSql} SELECT ?, ${values.join(', ')} FROM ${staged.table}
         WHERE true ORDER BY ${key}, rowid ${this.conflict}`
      )
      .run(this.accountId, this.now)
    // The set held none of its rows before: what it holds now was inserted.
    this.summary.inserted += this.db
      .prepare(`SELECT COUNT(*) FROM ${tables[this.kind].table} WHERE account_id = ?`)
      .pluck()
      .get(this.accountId) as number
  }

  hashOf(key: string): Known {
    return this.hash.get(this.accountId, key) as string | null | undefined
  }

  /** Writes the row unless its stored version (`was`) hashes the same. */
  putRow(row: Row, was: Known): void {
    if (was === row.hash) {
      this.summary.unchanged++
      return
    }
    if (was === undefined) this.summary.inserted++
    else {
      this.summary.updated++
      this.noteChange(row)
    }
    const keys = this.naturalAt.map((at, i) => this.naturalMemo.keyOf(i, row.values[at]))
    this.upsert.run(this.accountId, ...row.values, row.raw, row.hash, this.now, ...keys)
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

  private noteChange(row: Row): void {
    if (!this.brief || !this.briefOf) return
    const before = this.briefOf.get(this.accountId, row.key) as Brief
    const after = Object.fromEntries(
      this.brief.map((f, i) => [f, row.values[this.briefAt[i] as number]])
    )
    if (this.brief.some((f) => before[f] !== after[f])) {
      this.summary.changed.push({ key: row.key, before, after })
    }
  }
}
