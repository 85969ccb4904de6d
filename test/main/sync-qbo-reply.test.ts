// A qbo reply is written slice by slice inside one transaction (sync/qbo-reply.ts): the result
// must be what validating and writing it whole gave, with each item's raw JSON as the reply held
// it, and a bad item anywhere must leave the cache (schema included) as it was.
import { describe, expect, it, vi } from 'vitest'
import type { Db } from '../../src-main/cache/db'
import { replaceSet } from '../../src-main/cache/writes'
import { ProviderError } from '../../src-main/providers/errors'
import { parseMessage } from '../../src-main/providers/qbo/messages'
import { recordsOf } from '../../src-main/providers/qbo/records-of'
import { SyncApplier } from '../../src-main/sync/apply'
import { SLICE, writeQboReply } from '../../src-main/sync/qbo-reply'
import { useCachePair } from '../support/cache-pair'

const item = (i: number): Record<string, unknown> => ({
  name: `worker-${((i * 7919) % 10_007).toString(16)}-${i}.localhost`,
  id: `id-${i}`,
  image: 'kindest/node:v1.27.2',
  cluster: `c${i % 13}`,
  state: i % 5 ? 'ready' : 'notready',
  address: `172.18.${i >> 8}.${i & 255}`,
  os: 'Ubuntu 22.04',
  kernel: '6.1.0',
  cluster_id: `c${i % 13}-id`,
  // Fields the schema leaves open are kept in the raw JSON.
  labels: { tier: i % 2 ? 'a' : 'b' }
})

const reply = (payload: Record<string, unknown>): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(JSON.stringify({ status: 'OK', code: 200, uuid: 'u', ...payload }))

const rowsOf = (db: Db) =>
  db.prepare('SELECT name, cluster, state, raw, hash FROM nodes ORDER BY name').raw().all()

/** Every column the whole-reply write gives (its raw JSON is the parsed copy, defaults filled). */
const columnsOf = (db: Db) =>
  db
    .prepare(
      'SELECT name, id, cluster, cluster_id, state, address, image, os, kernel FROM nodes ORDER BY name'
    )
    .raw()
    .all()

const rawByName = (db: Db) =>
  new Map(db.prepare('SELECT name, raw FROM nodes').raw().all() as Array<[string, string]>)

const schemaOf = (db: Db): unknown[] =>
  db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all()

describe('qbo replies written slice by slice', () => {
  const caches = useCachePair('qbo')

  it('writes what validating and writing the whole reply writes, first fill and refresh alike', () => {
    const items = Array.from({ length: SLICE * 2 + 345 }, (_, i) => item(i))
    const bytes = reply({ nodes: items })
    const result = writeQboReply(caches.db, 'a', 'nodes', bytes, 1)
    replaceSet(
      caches.reference,
      'a',
      'nodes',
      recordsOf(parseMessage(JSON.stringify({ status: 'OK', code: 200, nodes: items })), 'nodes'),
      1
    )
    expect(result.rows).toBe(items.length)
    expect(result.summary.inserted).toBe(items.length)
    expect(columnsOf(caches.db)).toEqual(columnsOf(caches.reference))
    // The raw JSON is each item's text in the reply, not a copy serialised again: fields the
    // schema defaults (`user`) are not added, and open fields (`labels`) are kept.
    const raws = rawByName(caches.db)
    for (const n of items) expect(raws.get(n.name as string)).toBe(JSON.stringify(n))

    // The same reply again writes nothing; a changed one writes only what changed.
    expect(
      writeQboReply(caches.db, 'a', 'nodes', reply({ nodes: items }), 2).summary
    ).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: items.length
    })
    const changed = items.slice(1).map((n, i) => (i === 2 ? { ...n, state: 'stopped' } : n))
    const again = writeQboReply(caches.db, 'a', 'nodes', reply({ nodes: changed }), 3).summary
    expect(again).toMatchObject({ inserted: 0, updated: 1, removed: 1 })
    expect(again.changed).toEqual([
      {
        key: changed[2]?.name,
        before: { state: 'ready', cluster: changed[2]?.cluster },
        after: { state: 'stopped', cluster: changed[2]?.cluster }
      }
    ])
  })

  it('keeps each item’s text whatever its characters and spacing, and a refresh of it writes nothing', () => {
    const items: Array<Record<string, unknown>> = Array.from({ length: SLICE + 10 }, (_, i) => ({
      ...item(i),
      // Characters of two, three and four bytes shift a slice's text against its bytes.
      os: i % 3 ? 'Debian — “bookworm”' : 'Ubuntu 🐧 22.04'
    }))
    const spaced = new TextEncoder().encode(
      JSON.stringify({ status: 'OK', code: 200, uuid: 'u', nodes: items }, null, 2)
    )
    writeQboReply(caches.db, 'a', 'nodes', spaced, 1)
    const raws = rawByName(caches.db)
    const asSent = new Map(
      items.map((n) => [n.name as string, JSON.stringify(n, null, 2).replace(/\n/g, '\n    ')])
    )
    for (const [name, text] of asSent) expect(raws.get(name)).toBe(text)
    expect(writeQboReply(caches.db, 'a', 'nodes', spaced, 2).summary).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: items.length
    })
  })

  it('refuses a bad item in a later slice with the whole-reply error, and leaves the cache as it was', () => {
    const items = Array.from({ length: SLICE * 3 }, (_, i) => item(i + 10))
    const bad = SLICE * 2 + 17
    items[bad] = { ...items[bad], name: 42 }
    const refused = (): unknown => {
      try {
        writeQboReply(caches.db, 'a', 'nodes', reply({ nodes: items }), 2)
      } catch (e) {
        return e
      }
      return null
    }
    // A first fill (indexes and triggers set aside), then a refresh of a set already held.
    for (const held of [[], [item(1), item(2)]]) {
      if (held.length) writeQboReply(caches.db, 'a', 'nodes', reply({ nodes: held }), 1)
      const before = { rows: rowsOf(caches.db), schema: schemaOf(caches.db) }
      const error = refused()
      expect(error).toBeInstanceOf(ProviderError)
      expect((error as ProviderError).kind).toBe('protocol')
      expect((error as Error).message).toMatch(
        new RegExp(`^The qbo server sent malformed nodes: ${bad}\\.name `)
      )
      expect({ rows: rowsOf(caches.db), schema: schemaOf(caches.db) }).toEqual(before)
    }
  })

  it('refuses a reply without its array as validating it whole did', () => {
    const whole = (() => {
      try {
        recordsOf(parseMessage(JSON.stringify({ status: 'OK', code: 200 })), 'nodes')
      } catch (e) {
        return (e as Error).message
      }
      return null
    })()
    expect(whole).toMatch(/^The qbo server sent malformed nodes: /)
    expect(() => writeQboReply(caches.db, 'a', 'nodes', reply({}), 1)).toThrow(whole as string)
    expect(() => writeQboReply(caches.db, 'a', 'nodes', reply({ nodes: { a: 1 } }), 1)).toThrow(
      ProviderError
    )
  })

  it('brings the trigram index up to date once the writer is idle, or as it closes', async () => {
    const pending = () => caches.db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get()
    const bytes = reply({ nodes: Array.from({ length: 3000 }, (_, i) => item(i)) })
    const applier = new SyncApplier(caches.db)
    applier.apply({ op: 'qboReply', accountId: 'a', payload: 'nodes', bytes, now: 1 })
    expect(pending()).toBe(3000)
    await vi.waitFor(() => expect(pending()).toBe(0), { timeout: 10_000, interval: 20 })
    expect(caches.db.prepare('SELECT COUNT(*) FROM nodes_fts').pluck().get()).toBe(3000)

    const closing = new SyncApplier(caches.reference)
    closing.apply({ op: 'qboReply', accountId: 'a', payload: 'nodes', bytes, now: 1 })
    closing.close()
    expect(caches.reference.prepare('SELECT COUNT(*) FROM search_pending').pluck().get()).toBe(0)
    expect(caches.reference.prepare('SELECT COUNT(*) FROM nodes_fts').pluck().get()).toBe(3000)
  })
})
