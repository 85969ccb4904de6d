import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bootAgent, type Booted } from '../../src-main/agent/bootstrap'
import { LOCK_FILE } from '../../src-main/agent/data-lock'
import { exitFor, StartupError } from '../../src-main/agent/startup-error'
import { keyFileVault } from '../../src-main/vault/key-file-vault'
import { tempDir } from '../support/temp-dir'
import { writeUnansweredConfig } from '../support/unanswered-config'

const shell = { mode: 'headless', logDir: '', secrets: 'key-file' } as const

describe('one Berth per data folder', () => {
  let dir: ReturnType<typeof tempDir>
  let config: string
  const open: Booted[] = []
  const lockFile = () => `${dir.path}/${LOCK_FILE}`

  const boot = async (): Promise<Booted> => {
    const booted = await bootAgent({
      dataDir: dir.path,
      configFile: config,
      vault: () => keyFileVault(`${dir.path}/vault.key`),
      shell
    })
    open.push(booted)
    return booted
  }
  const refusal = (): Promise<unknown> =>
    boot().then(
      () => null,
      (error: unknown) => error
    )
  const writeLock = (holder: object) => writeFileSync(lockFile(), JSON.stringify(holder))

  beforeEach(() => {
    dir = tempDir()
    config = writeUnansweredConfig(dir.path)
  })
  afterEach(async () => {
    for (const booted of open.splice(0)) await booted.close()
    dir.remove()
  })

  it('refuses a second Berth on the same folder, and lets one start once the first has closed', async () => {
    const first = await boot()
    const second = await refusal()
    expect(second).toBeInstanceOf(StartupError)
    expect(exitFor(second)).toEqual({
      code: 2,
      line: expect.stringMatching(
        new RegExp(`^Berth is already running with this data folder \\(pid ${process.pid}\\)`)
      )
    })
    // The refused one touched nothing: the first still holds its lock and its files.
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid })

    await first.close()
    expect(existsSync(lockFile())).toBe(false)
    const third = await boot()
    expect((await third.agent.call('accounts.list', {})).ok).toBe(true)
  })

  it('refuses while the lock names another process that is alive', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore'
    })
    try {
      writeLock({ pid: other.pid, startedAt: Date.now(), token: 'theirs' })
      expect(exitFor(await refusal()).line).toMatch(
        `Berth is already running with this data folder (pid ${other.pid})`
      )
      expect(existsSync(`${dir.path}/state.sqlite`)).toBe(false)
    } finally {
      other.kill()
    }
  })

  it('takes over the lock of a Berth that died without releasing it', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    writeLock({ pid: dead, startedAt: 1, token: 'crashed' })
    await boot()
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid })
    // Moved aside and removed, no litter.
    expect(readdirSync(dir.path).filter((f) => f.startsWith(LOCK_FILE))).toEqual([LOCK_FILE])
  })

  it('takes over a lock with its own pid from an earlier start (a container is always pid 1)', async () => {
    writeLock({ pid: process.pid, startedAt: 1, token: 'an-earlier-run' })
    await boot()
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).token).not.toBe('an-earlier-run')
  })

  it('takes over a lock file that is not one (damaged)', async () => {
    writeFileSync(lockFile(), '\u0000\u0000garbage')
    await boot()
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid })
  })

  it('releases the lock when starting fails after taking it', async () => {
    writeFileSync(`${dir.path}/state.sqlite`, 'not a database '.repeat(100))
    expect(exitFor(await refusal()).code).toBe(2)
    expect(existsSync(lockFile())).toBe(false)
  })
})
