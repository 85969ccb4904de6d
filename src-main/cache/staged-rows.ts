import type { ResourceKind } from '@contract'
import type { Db } from './db'
import { naturalColumnsOf, storedNaturalColumn } from './natural-key'
import { NaturalKeyMemo } from './natural-key-memo'
import { tables } from './records'
import type { Row } from './row-writer'

/** Staged rows read back (and written) at a time when a set is written row by row. */
const READ_BACK = 2000

let nextStage = 1

/**
 * The rows of a set being gathered (a list's pages, a large reply's slices), kept in a TEMP
 * table of the writer's connection rather than in the heap: temp tables live in the
 * connection's own file (never the WAL, never seen by readers, gone with the connection), so a
 * set of 100k rows costs the writer's page cache, not hundreds of MB of strings. The rows wait
 * there for the set's one transaction, which can then insert a first fill with one statement.
 */
export class StagedRows {
  /** The temp table, schema-qualified. */
  readonly table: string
  /** The columns as the resource's table names them (its fields, then raw and hash). */
  readonly columns: readonly string[]
  /**
   * The stored natural-order keys, after `columns`: computed as rows are staged (while the next
   * page is on its way), not by the statement that writes a first fill.
   */
  readonly naturalKeys: readonly string[]
  /** Where each natural key's column sits among a row's values. */
  private readonly naturalAt: readonly number[]
  private readonly naturalMemo: NaturalKeyMemo
  /** The key column's position among `columns`. */
  private readonly keyAt: number
  private readonly insert
  private size = 0

  constructor(
    private readonly db: Db,
    readonly kind: ResourceKind
  ) {
    this.table = `temp.staged_${nextStage++}`
    const spec = tables[kind]
    this.columns = [...spec.fields.map(([, column]) => column), 'raw', 'hash']
    const natural = naturalColumnsOf(spec.table)
    this.naturalKeys = natural.map(storedNaturalColumn)
    this.naturalAt = natural.map((column) => this.columns.indexOf(column))
    this.naturalMemo = new NaturalKeyMemo(natural.length)
    this.keyAt = this.columns.indexOf(spec.key)
    const all = [...this.columns, ...this.naturalKeys]
    db.exec(`CREATE TABLE ${this.table} (${all.join(', ')})`)
    this.insert = db.prepare(`INSERT INTO ${this.table} VALUES (${all.map(() => '?').join(', ')})`)
  }

  /** Rows staged so far (duplicates of a key included). */
  get count(): number {
    return this.size
  }

  add(rows: readonly Row[]): void {
    const put = (): void => {
      for (const row of rows) {
        const keys = this.naturalAt.map((at, i) => this.naturalMemo.keyOf(i, row.values[at]))
        this.insert.run(...row.values, row.raw, row.hash, ...keys)
      }
    }
    // One transaction per page, unless the caller's is open.
    if (this.db.inTransaction) put()
    else this.db.transaction(put)()
    this.size += rows.length
  }

  /** The staged rows in the order they came, a batch at a time. */
  *rows(): Generator<Row> {
    const read = this.db
      .prepare(
        `SELECT rowid, ${this.columns.join(', ')} FROM ${this.table} WHERE rowid > ? ORDER BY rowid LIMIT ?`
      )
      .raw()
    const fields = this.columns.length - 2
    for (let after = 0; ;) {
      const batch = read.all(after, READ_BACK) as unknown[][]
      for (const [rowid, ...cells] of batch) {
        after = rowid as number
        yield {
          key: cells[this.keyAt] as string,
          values: cells.slice(0, fields),
          raw: cells[fields] as string,
          hash: cells[fields + 1] as string
        }
      }
      if (batch.length < READ_BACK) return
    }
  }

  drop(): void {
    if (this.db.open) this.db.exec(`DROP TABLE IF EXISTS ${this.table}`)
  }
}
