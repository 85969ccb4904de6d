import naturalOrder from './008-natural-order'

/** The tables whose lists sort naturally: their key column and the columns sorted naturally. */
const tables: ReadonlyArray<readonly [table: string, key: string, natural: readonly string[]]> = [
  ['nodes', 'name', ['name', 'cluster', 'address', 'image']],
  ['images', 'name', ['name', 'tag']],
  ['clusters', 'name', ['name']],
  ['pods', 'key', ['name', 'cluster', 'namespace', 'node']],
  ['services', 'key', ['name', 'cluster', 'namespace']],
  ['load_balancers', 'key', ['vip', 'cluster', 'rip', 'node']],
  ['cycle_images', 'key', ['name']],
  ['cycle_jobs', 'key', ['caption']]
]

/**
 * 9: the natural-order keys are stored, not indexed as expressions. Migration 8 built 42 indexes
 * on natural_key(column), so SQLite called the function once per index per row written (about
 * ten times per node or pod), and a connection without it (the sqlite3 shell, a plain
 * better-sqlite3 one) could neither check nor write the tables. Each table now keeps the key of
 * every column sorted naturally in a plain column, `<column>_nat`, which Berth's writers compute
 * once per row written, and the same indexes are built on those columns. Reading the cache and
 * `PRAGMA integrity_check` need no function of Berth's.
 *
 * Not generated columns: SQLite counts a query naming a generated column as using every column
 * of its table, so no index would cover a walk, and each row walked past would be looked up.
 *
 * So that a writer which leaves the keys out (a test, a hand-written fix) still sorts right,
 * triggers compute them when a row comes without them, or when a sorted column changes and its
 * key does not: that needs natural_key() on the writing connection, as before. Berth's writers
 * give every key, so the triggers' conditions never hold for them.
 */
function storeKeys([table, key, natural]: (typeof tables)[number]): string {
  const set = natural.map((c) => `${c}_nat = natural_key(${c})`).join(', ')
  const row = `WHERE account_id = new.account_id AND ${key} = new.${key}`
  const missing = natural.map((c) => `new.${c}_nat IS NULL`).join(' OR ')
  const stale = natural
    .map((c) => `(new.${c} IS NOT old.${c} AND new.${c}_nat IS old.${c}_nat)`)
    .join(' OR ')
  return [
    ...natural.map((c) => `ALTER TABLE ${table} ADD COLUMN ${c}_nat TEXT;`),
    `UPDATE ${table} SET ${set};`,
    `CREATE TRIGGER ${table}_natural_insert AFTER INSERT ON ${table} WHEN ${missing} BEGIN
    UPDATE ${table} SET ${set} ${row};
  END;`,
    `CREATE TRIGGER ${table}_natural_update AFTER UPDATE OF ${natural.join(', ')} ON ${table}
    WHEN ${stale} BEGIN
    UPDATE ${table} SET ${set} ${row};
  END;`
  ].join('\n  ')
}

const INDEX = /CREATE INDEX (\w+) ON .*;/g
// Migration 8's indexes, in its order, on the stored keys instead of the expressions.
const indexes = [...naturalOrder.matchAll(INDEX)]
const dropped = indexes.map(([, name]) => `DROP INDEX ${name};`)
const created = indexes.map(([sql]) => sql.replace(/natural_key\((\w+)\)/g, '$1_nat'))

// Indexes dropped first, so filling the keys of a large cache updates no index.
export default `
  ${dropped.join('\n  ')}

  ${tables.map(storeKeys).join('\n\n  ')}

  ${created.join('\n  ')}
`
