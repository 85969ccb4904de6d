import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bootAgent } from '../../src-main/agent/bootstrap'
import { openDatabase } from '../../src-main/cache/db'
import { openCacheChecked } from '../../src-main/cache/recover'
import { replaceSet } from '../../src-main/cache/writes'
import { upsertAccount } from '../../src-main/cache/accounts'
import { keyFileVault } from '../../src-main/vault/key-file-vault'
import { tempDir } from '../support/temp-dir'
import { writeUnansweredConfig } from '../support/unanswered-config'

const nodes = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `node-${i}.localhost`,
    id: String(i),
    cluster: 'c',
    clusterId: 'c',
    state: 'ready',
    address: '172.18.0.2',
    image: 'kindest/node:v1.27.2',
    os: 'x'.repeat(200),
    kernel: 'k',
    raw: { i }
  }))

/** Overwrites part of the file with noise, as a failing disk or an interrupted copy would. */
function damage(file: string, at: number, length: number): void {
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, at)
  closeSync(fd)
}

const shell = { mode: 'headless', logDir: '', secrets: 'key-file' } as const

describe('a damaged cache', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  const filled = (): string => {
    const file = `${dir.path}/cache.sqlite`
    const db = openDatabase(file)
    upsertAccount(db, { id: 'a', kind: 'qbo', name: 'A', endpoint: 'ws://a' })
    replaceSet(db, 'a', 'nodes', nodes(2000))
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    return file
  }

  it('opens as it is when healthy', () => {
    const { db, recoveredFrom } = openCacheChecked(filled())
    expect(recoveredFrom).toBeNull()
    expect(db.prepare('SELECT COUNT(*) FROM nodes').pluck().get()).toBe(2000)
    db.close()
  })

  it.each([
    ['pages overwritten in the middle', (file: string) => damage(file, 8192, 16384)],
    [
      'a file that is not a database at all',
      (file: string) => writeFileSync(file, 'not sqlite '.repeat(100))
    ]
  ])('(%s) is moved aside and replaced by a fresh one', (_label, harm) => {
    const file = filled()
    harm(file)
    const { db, recoveredFrom, damage } = openCacheChecked(file, {}, 1234)
    expect(recoveredFrom).toBe(`${file}.damaged-1234`)
    expect(damage).toMatch(/integrity check failed|not a database|malformed/)
    expect(existsSync(`${file}.damaged-1234`)).toBe(true)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.prepare('SELECT COUNT(*) FROM nodes').pluck().get()).toBe(0)
    db.close()
  })

  it('never touches the accounts or the job outbox, which live in their own file', async () => {
    const config = writeUnansweredConfig(dir.path)
    const vault = keyFileVault(`${dir.path}/vault.key`)
    const first = await bootAgent({ dataDir: dir.path, configFile: config, vault, shell })
    const job = await first.agent.call('clusters.add', { accountId: 'qbo:Gone', name: 'later' })
    expect(job.ok).toBe(true)
    await first.close()

    writeFileSync(`${dir.path}/cache.sqlite`, 'garbage '.repeat(1000))
    const second = await bootAgent({ dataDir: dir.path, configFile: config, vault, shell })
    try {
      const jobs = await second.agent.call('jobs.list', {})
      expect(jobs).toMatchObject({
        ok: true,
        value: { total: 1, items: [{ target: 'later', state: 'queued' }] }
      })
      expect(readdirSync(dir.path).some((f) => f.startsWith('cache.sqlite.damaged-'))).toBe(true)
    } finally {
      await second.close()
    }
  })
})
