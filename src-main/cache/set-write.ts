import type { ResourceKind } from '@contract'
import type { Db } from './db'
import { fillInBulk } from './bulk-fill'
import { tables, type RecordsByKind } from './records'
import { RowWriter, rowOf, SEEN, type Known, type Row } from './row-writer'
import type { StagedRows } from './staged-rows'
import type { WriteSummary } from './write-summary'

/** Below this many rows a first fill is quick enough row by row, indexes and all. */
export const BULK_ROWS = 2000

/**
 * One account's whole set of one resource, written in parts inside the caller's transaction:
 * `add` as many chunks as come, then `finish`, which removes rows no chunk delivered and records
 * the set's freshness. Only rows whose content hash differs are written.
 *
 * A first fill (the account has none of this kind, and the table holds no more rows than are
 * coming) is a bulk load (bulk-fill.ts): indexes and per-row triggers are set aside and their
 * work done once over the set at `finish`, and `bulk` tells the caller that rows in key order go in faster still (the table is keyed by
 * (account_id, key), so they append instead of splitting pages all over it).
 */
export class SetWrite<K extends ResourceKind> {
  private readonly writer: RowWriter<K>
  private readonly known: Map<string, Known>
  private readonly restore: (() => void) | null

  constructor(
    private readonly db: Db,
    private readonly accountId: string,
    private readonly kind: K,
    private readonly now: number,
    /** How many records are coming, if known: what decides a bulk load. */
    expected: number
  ) {
    this.writer = new RowWriter(db, accountId, kind, now)
    this.known = this.writer.known()
    const { table, key } = tables[kind]
    const bulk =
      this.known.size === 0 &&
      expected >= BULK_ROWS &&
      (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number) <= expected
    this.restore = bulk ? fillInBulk(db, table, accountId, key) : null
  }

  get bulk(): boolean {
    return this.restore !== null
  }

  add(records: readonly RecordsByKind[K][]): void {
    this.addRows(this.rowsOf(records))
  }

  /**
   * The rows the records will be written as (no database work); `rawTexts[i]`, if given, is
   * record i's raw JSON as the server sent it (see rowOf).
   */
  rowsOf(records: readonly RecordsByKind[K][], rawTexts?: readonly string[]): Row[] {
    return records.map((record, i) => rowOf(this.kind, record, rawTexts?.[i]))
  }

  addRows(rows: readonly Row[]): void {
    for (const row of rows) {
      this.writer.putRow(row, this.known.get(row.key))
      this.known.set(row.key, SEEN)
    }
  }

  /**
   * Writes rows gathered in a temp table: a first fill with one statement (in key order, the
   * last of a key's duplicates winning), any other set row by row, as `addRows` would.
   */
  addStaged(staged: StagedRows): void {
    if (this.bulk && this.known.size === 0) {
      this.writer.insertStaged(staged)
      return
    }
    for (const row of staged.rows()) {
      this.writer.putRow(row, this.known.get(row.key))
      this.known.set(row.key, SEEN)
    }
  }

  finish(): WriteSummary {
    for (const [key, was] of this.known) if (was !== SEEN) this.writer.drop(key)
    this.known.clear()
    this.restore?.()
    this.db
      .prepare(
        `INSERT INTO sync_state (account_id, resource, synced_at) VALUES (?, ?, ?)
         ON CONFLICT (account_id, resource) DO UPDATE SET synced_at = excluded.synced_at`
      )
      .run(this.accountId, this.kind, this.now)
    return this.writer.summary
  }
}

/**
 * Positions of `keys` in ascending order (SQLite's BINARY order for the keys it will meet: only
 * keys outside the Basic Multilingual Plane sort differently, which costs speed, never a row).
 */
export function keyOrder(keys: readonly string[]): number[] {
  const order = Array.from(keys, (_, i) => i)
  return order.sort((a, b) => {
    const x = keys[a] as string
    const y = keys[b] as string
    return x < y ? -1 : x > y ? 1 : a - b
  })
}

/** The rows in key order (a copy; equal keys keep their order, so the last one still wins). */
export function inKeyOrder(rows: readonly Row[]): Row[] {
  return keyOrder(rows.map((r) => r.key)).map((i) => rows[i] as Row)
}
