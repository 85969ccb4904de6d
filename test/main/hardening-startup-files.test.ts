import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bootAgent, type Booted } from '../../src-main/agent/bootstrap'
import { exitFor, StartupError } from '../../src-main/agent/startup-error'
import { openStateDatabase } from '../../src-main/store/state-db'
import { keyFileVault } from '../../src-main/vault/key-file-vault'
import { tempDir } from '../support/temp-dir'
import { writeUnansweredConfig } from '../support/unanswered-config'

const shell = { mode: 'headless', logDir: '', secrets: 'key-file' } as const

describe('a data folder or state file Berth cannot use', () => {
  let dir: ReturnType<typeof tempDir>
  let config: string
  const open: Booted[] = []

  const boot = async (dataDir = `${dir.path}/data`, log?: (line: string) => void) => {
    const keep = (line: string) => log?.(line)
    const booted = await bootAgent({
      dataDir,
      configFile: config,
      vault: () => keyFileVault(`${dataDir}/vault.key`),
      shell,
      log: { info: keep, warn: keep, error: keep }
    })
    open.push(booted)
    return booted
  }
  /** How the host would end: the exit code and the one line it prints. */
  const exitOf = (dataDir?: string) =>
    boot(dataDir).then(
      () => {
        throw new Error('Berth started')
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(StartupError)
        const exit = exitFor(error)
        expect(exit.line).not.toMatch(/[\n\r]/)
        return exit
      }
    )
  const stateFile = () => `${dir.path}/data/state.sqlite`

  beforeEach(() => {
    dir = tempDir()
    mkdirSync(`${dir.path}/data`)
    config = writeUnansweredConfig(dir.path)
  })
  afterEach(async () => {
    for (const booted of open.splice(0)) await booted.close()
    dir.remove()
  })

  it('the data folder is a file', async () => {
    writeFileSync(`${dir.path}/file`, 'x')
    expect(await exitOf(`${dir.path}/file`)).toEqual({
      code: 2,
      line: `The data folder ${dir.path}/file cannot be made: a file is in the way (it or a folder above it is a file); move that file, or choose another data folder.`
    })
    expect(await exitOf(`${dir.path}/file/below`)).toMatchObject({
      code: 2,
      line: expect.stringContaining(`The data folder ${dir.path}/file/below cannot be made`)
    })
  })

  it('the state file is not a database, and is left as it was for the user to restore', async () => {
    writeFileSync(stateFile(), 'not sqlite '.repeat(100))
    expect(await exitOf()).toEqual({
      code: 2,
      line: `The state file ${stateFile()} is not a database: restore it from a backup, or move it aside to start without your stored accounts and queued actions.`
    })
    expect(readFileSync(stateFile(), 'utf8')).toBe('not sqlite '.repeat(100))
  })

  it('the state file is damaged inside', async () => {
    const db = openStateDatabase(stateFile())
    const insert = db.prepare(
      'INSERT INTO notifications (at, kind, level, title, body, count, target) VALUES (?, ?, ?, ?, ?, 1, ?)'
    )
    for (let i = 0; i < 2000; i++) insert.run(i, 'job', 'info', `t${i}`, 'x'.repeat(200), '{}')
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    // Noise over pages in the middle, as a failing disk would leave.
    const fd = openSync(stateFile(), 'r+')
    writeSync(fd, Buffer.alloc(16384, 0xa5), 0, 16384, 8192)
    closeSync(fd)
    expect(await exitOf()).toMatchObject({
      code: 2,
      line: expect.stringMatching(
        new RegExp(`^The state file ${stateFile()} is damaged \\(.*\\): restore it from a backup`)
      )
    })
  })

  it('the state file is from a newer Berth', async () => {
    const db = new Database(stateFile())
    db.pragma('user_version = 99')
    db.close()
    expect(await exitOf()).toMatchObject({
      code: 2,
      line: expect.stringMatching(
        new RegExp(`^The state file ${stateFile()} was written by a newer Berth \\(schema 99`)
      )
    })
  })

  it('the state file is a folder', async () => {
    mkdirSync(stateFile())
    expect(await exitOf()).toMatchObject({
      code: 2,
      line: expect.stringMatching(
        new RegExp(`^Berth cannot open the state file ${stateFile()} for reading and writing`)
      )
    })
  })

  it('a damaged settings row: Berth starts with the defaults and the log says so', async () => {
    const db = openStateDatabase(stateFile())
    db.prepare('INSERT INTO settings (id, value) VALUES (1, ?)').run('{"theme": "neon"')
    db.close()
    const lines: string[] = []
    const { agent } = await boot(undefined, (line) => lines.push(line))
    expect(agent.settings.get().theme).toBe('system')
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^The settings in ${stateFile()} could not be read`))
    )
  })

  it('anything else is a fault in Berth: exit 1, with the stack for the bug report', () => {
    const exit = exitFor(new TypeError('x is undefined'))
    expect(exit.code).toBe(1)
    expect(exit.line).toMatch(
      /^Berth stopped on an unexpected error: TypeError: x is undefined\n\s+at /
    )
  })

  it('a message carrying control characters is printed as one line', () => {
    expect(exitFor(new StartupError('bad\nforged line\u001b[31m')).line).toBe(
      'bad\\nforged line\\u001b[31m'
    )
  })
})
