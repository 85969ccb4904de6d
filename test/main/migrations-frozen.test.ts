import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { migrations } from '../../src-main/cache/migrations'

/**
 * A cache that ran a migration never runs it again, so a migration edited after it shipped would
 * leave old and new caches with different schemas. Each shipped text is pinned here; a new
 * migration adds a line.
 */
const SHIPPED = [
  '4b3af9e0607d15be0be73107349b212eb36375d4e78da473afac4db1d38dc706', // 001 qbo core
  '6ad110c296aefc98174b0e8a77ca331e1fb712ff6e5a70f1b773ab29e047d664', // 002 qbo workloads
  'de379bebefb83122f48505f7e2e014b68d2e0973c09e6606b7ff747e86700023', // 003 Cycle
  'ad182e59c73d9727cd16811f22fbff80a5d7be372d19fbf18ad90215e50eb629', // 004 row hashes
  '05d382b4269c860d8b8d7449a095915024797c7e68c5d59e67fa06870f235666', // 005 indexes, search, counts
  '6e487293c09a98ebd9dae4ace61424e31df9b3bfcc6577b251c0e5cdc8aa3b6b', // 006 search catch-up
  '1096828217c22df1f7d69b03909765990589eabb9a9f384eaa7d6f0a2a98e04a', // 007 Cycle image states
  '45144b17ddf60ced1d348a447f62829f55ee72e5a24b12023782a74e4033db71', // 008 natural order
  '3b04a9104fa3816ebe50a37d67c4b8c4020f22f5937e6e9b0ba6490da29b0edb', // 009 stored natural keys
  '78b99fee138615a50ab337a2b67a46b4cd6d193829829baf0bbb8eae66a66a61' // 010 failed images
]

it('never changes a migration that has shipped', () => {
  const digests = migrations.map((sql) => createHash('sha256').update(sql).digest('hex'))
  expect(digests.slice(0, SHIPPED.length)).toEqual(SHIPPED)
})
