import { spawnSync } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import ts from 'typescript'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bootAgent, type Booted } from '../../src-main/agent/bootstrap'
import { LOCK_FILE } from '../../src-main/agent/data-lock'
import { stopOnSignals } from '../../src-main/agent/host-stop'
import { guardRejections } from '../../src-main/agent/process-guard'
import { keyFileVault } from '../../src-main/vault/key-file-vault'
import { tempDir } from '../support/temp-dir'

const recording = () => {
  const lines: string[] = []
  return { lines, log: { info: vi.fn(), warn: vi.fn(), error: (l: string) => lines.push(l) } }
}

describe('an unhandled promise rejection', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  it('is logged as one escaped line, and uninstalling removes the handler', () => {
    const source = new EventEmitter()
    const { lines, log } = recording()
    const uninstall = guardRejections(log, source)
    source.emit('unhandledRejection', new Error('socket closed\n2099-01-01 [info] forged entry'))
    source.emit('unhandledRejection', 'a plain string\r')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      /^Unhandled promise rejection \(Berth keeps running\): Error: socket closed\\n2099-01-01 \[info\] forged entry\\n {4}at /
    )
    expect(lines[0]).not.toMatch(/[\n\r]/)
    expect(lines[1]).toBe('Unhandled promise rejection (Berth keeps running): a plain string\\r')
    uninstall()
    expect(source.listenerCount('unhandledRejection')).toBe(0)
  })

  it('is described even when the reason resists (a throwing getter) or the log throws', () => {
    const source = new EventEmitter()
    const { lines, log } = recording()
    guardRejections(log, source)
    const hostile = {
      toJSON() {
        throw new Error('no')
      },
      toString() {
        throw new Error('no')
      }
    }
    source.emit('unhandledRejection', hostile)
    expect(lines).toEqual([
      'Unhandled promise rejection (Berth keeps running): (a value that cannot be shown)'
    ])

    const broken = new EventEmitter()
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {})
    guardRejections(
      {
        ...log,
        error() {
          throw new Error('log transport gone')
        }
      },
      broken
    )
    expect(() => broken.emit('unhandledRejection', new Error('x'))).not.toThrow()
    expect(console).toHaveBeenCalledWith(expect.stringMatching(/^Unhandled promise rejection/))
    console.mockRestore()
  })

  it('leaves a real Node process running (without the guard it ends it)', () => {
    // The guard and what it imports (followed from its relative imports), as plain JS.
    const pending = ['process-guard']
    const done = new Set<string>()
    while (pending.length > 0 && done.size < 20) {
      const name = pending.pop()!
      if (done.has(name)) continue
      done.add(name)
      const source = readFileSync(`src-main/agent/${name}.ts`, 'utf8')
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
      }).outputText
      const local = js.replace(/from '\.\/([\w-]+)'/g, (_, m: string) => {
        pending.push(m)
        return `from './${m}.mjs'`
      })
      writeFileSync(`${dir.path}/${name}.mjs`, local)
    }
    const out = dir.path
    const script = (guarded: boolean) => `
      ${guarded ? `const { guardRejections } = await import('${out}/process-guard.mjs')` : ''}
      const log = { info() {}, warn() {}, error: (line) => console.log(line) }
      ${guarded ? 'guardRejections(log)' : ''}
      Promise.reject(new Error('nobody awaited this'))
      setTimeout(() => console.log('still running'), 50)
    `
    const run = (guarded: boolean) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script(guarded)], {
        encoding: 'utf8',
        timeout: 15_000
      })

    const guarded = run(true)
    expect(guarded.status).toBe(0)
    expect(guarded.stdout).toMatch(
      /^Unhandled promise rejection \(Berth keeps running\): Error: nobody awaited this\\n.*\nstill running\n$/
    )
    const bare = run(false)
    expect(bare.status).not.toBe(0)
    expect(bare.stdout).not.toContain('still running')
  })
})

describe('SIGTERM and SIGINT', () => {
  let dir: ReturnType<typeof tempDir>
  /** A host's stop wiring on a stand-in signal source, recording how it would exit. */
  const fake = () => {
    const source = new EventEmitter()
    const exits: number[] = []
    const warnings: string[] = []
    let exited!: (code: number) => void
    const firstExit = new Promise<number>((resolve) => (exited = resolve))
    const stop = stopOnSignals({
      exit: (code) => {
        exits.push(code)
        exited(code)
      },
      warn: (line) => warnings.push(line),
      source,
      graceMs: 100
    })
    return { source, exits, warnings, stop, firstExit }
  }
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  it('during start-up: exits at once, and what finishes starting later is closed (its lock released)', async () => {
    const host = fake()
    // No config and no stored account: starting waits for the built-in sandbox to listen.
    const starting = bootAgent({
      dataDir: dir.path,
      vault: () => keyFileVault(`${dir.path}/vault.key`),
      shell: { mode: 'headless', logDir: '', secrets: 'key-file' }
    })
    host.source.emit('SIGTERM')
    expect(host.exits).toEqual([0])

    const booted: Booted = await starting
    expect(host.stop.started(booted)).toBe(false)
    await vi.waitFor(() => expect(existsSync(`${dir.path}/${LOCK_FILE}`)).toBe(false))
    const next = await bootAgent({
      dataDir: dir.path,
      vault: () => keyFileVault(`${dir.path}/vault.key`),
      shell: { mode: 'headless', logDir: '', secrets: 'key-file' }
    })
    await next.close()
  })

  it('once started: closes the parts in reverse order, past one that fails, then exits 0', async () => {
    const host = fake()
    const closed: string[] = []
    host.stop.started({ close: () => void closed.push('agent') })
    host.stop.started({
      close: () => {
        closed.push('server')
        throw new Error('already closed')
      }
    })
    host.source.emit('SIGINT')
    expect(await host.firstExit).toBe(0)
    expect(closed).toEqual(['server', 'agent'])
    expect(host.warnings).toEqual([
      expect.stringMatching(/^Closing failed while stopping: Error: already closed/)
    ])
  })

  it('a part that never finishes closing does not keep the process: it ends after the grace period', async () => {
    const host = fake()
    host.stop.started({ close: () => new Promise<void>(() => {}) })
    host.source.emit('SIGTERM')
    expect(await host.firstExit).toBe(1)
  })

  it('a second signal ends it at once', () => {
    const host = fake()
    host.stop.started({ close: () => new Promise<void>(() => {}) })
    host.source.emit('SIGTERM')
    host.source.emit('SIGTERM')
    expect(host.exits).toEqual([130])
  })
})
