// A large qbo reply is never parsed whole (sync/reply-items.ts, sync/qbo-reply.ts): its payload
// array's items are found in the bytes and parsed a slice at a time. Whatever the reply's
// formatting, the cache must hold what parsing it whole gives, and a reply that is not JSON must
// still be refused as one.
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src-main/cache/db'
import { replaceSet } from '../../src-main/cache/writes'
import { parseMessage } from '../../src-main/providers/qbo/messages'
import { recordsOf } from '../../src-main/providers/qbo/records-of'
import { SLICE, writeQboReply } from '../../src-main/sync/qbo-reply'
import { findArray } from '../../src-main/sync/reply-items'
import { useCachePair } from '../support/cache-pair'

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text)
/** The items' texts as the spans cut them. */
const itemTexts = (text: string, key: string): string[] | null => {
  const bytes = bytesOf(text)
  const spans = findArray(bytes, key)
  if (!spans) return null
  const decoder = new TextDecoder()
  return spans.itemStart.map((s, i) => decoder.decode(bytes.subarray(s, spans.itemEnd[i])))
}

describe('finding a payload array in a reply', () => {
  it('cuts items of any kind, whatever strings and nesting they hold', () => {
    const text = `{ "uuid": "u", "nodes" : [ {"a": "x,]}\\"{"}, [1, [2]] ,"s\\\\" , 3,null ] , "z": 1 }`
    expect(itemTexts(text, 'nodes')).toEqual([
      '{"a": "x,]}\\"{"}',
      '[1, [2]]',
      '"s\\\\"',
      '3',
      'null'
    ])
  })

  it('takes the top-level key only, and the last of duplicates, as JSON.parse does', () => {
    const text = '{"x": {"nodes": [9]}, "nodes": [1], "y": "nodes", "nodes": [2, 3]}'
    expect(itemTexts(text, 'nodes')).toEqual(['2', '3'])
    expect(itemTexts('{"nodes": []}', 'nodes')).toEqual([])
  })

  it('gives up on what is not one object holding that array', () => {
    for (const text of [
      '[1]',
      '{"nodes": 5}',
      '{"pods": [1]}',
      '{"nodes": [1,]}',
      '{"nodes": [1,,2]}',
      '{"nodes": [1]} trailing',
      '{"nodes": [1',
      '{"nodes": ["open]}'
    ]) {
      expect(itemTexts(text, 'nodes'), text).toBeNull()
    }
  })
})

describe('qbo replies parsed a slice at a time', () => {
  const caches = useCachePair('qbo')

  const node = (i: number) => ({
    name: `node "${i}" ]},é`,
    id: `id-${i}`,
    image: 'kindest/node:v1.27.2',
    cluster: `c${i % 7}`,
    state: 'ready',
    address: `10.0.0.${i % 250}`,
    os: 'Ubuntu',
    kernel: '6.1',
    cluster_id: 'x',
    labels: { list: [i, [i]], note: 'a, b ] c' }
  })
  const rows = (d: Db) => d.prepare('SELECT name, raw, hash FROM nodes ORDER BY name').raw().all()

  it('writes what parsing the whole reply writes, however it is laid out', () => {
    const items = Array.from({ length: SLICE + 11 }, (_, i) => node(i))
    // Indented, with the payload between other keys and a decoy of the same name nested.
    const text = JSON.stringify(
      { status: 'OK', meta: { nodes: [] }, nodes: items, code: 200, uuid: 'u' },
      null,
      2
    )
    const result = writeQboReply(caches.db, 'a', 'nodes', bytesOf(text), 1)
    replaceSet(caches.reference, 'a', 'nodes', recordsOf(parseMessage(text), 'nodes'), 1)
    expect(result.summary.inserted).toBe(items.length)
    const names = (d: Db) => (rows(d) as Array<[string]>).map(([name]) => name)
    expect(names(caches.db)).toEqual(names(caches.reference))
    // Each row's raw JSON is its item's own text in the reply, laid out as it was.
    const byName = new Map(items.map((n) => [n.name, n]))
    for (const [name, raw] of rows(caches.db) as Array<[string, string]>) {
      expect(text).toContain(raw)
      expect(JSON.parse(raw)).toEqual(byName.get(name))
    }
  })

  it('refuses a reply that is not JSON, with the cache untouched', () => {
    const text = `{"status": "OK", "code": 200, "nodes": [${JSON.stringify(node(1))}, {"name": }]}`
    expect(() => writeQboReply(caches.db, 'a', 'nodes', bytesOf(text), 1)).toThrow(
      'The qbo server sent a message that is not JSON'
    )
    expect(rows(caches.db)).toEqual([])
  })
})
