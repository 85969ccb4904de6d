import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { tempDir } from '../support/temp-dir'

const root = resolve(import.meta.dirname, '../..')

/** Runs a command until `ready` matches its stdout, then stops it with SIGTERM. */
function run(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const matched = new Promise<string>((resolveMatch, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      if (ready.test(out)) resolveMatch(out)
    })
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    void exit.then(() => reject(new Error(`exited before ready:\n${out}`)))
  })
  return { child, matched, exit, stop: () => (child.kill('SIGTERM'), exit) }
}

describe('the documented command lines', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c()
  })

  it('npm start without Electron says so in one line and serves headless on the sandbox', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const start = run(
      ['scripts/start.mjs', '--data', dir.path, '--port', '0'],
      /Berth is serving on/,
      {
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1'
      }
    )
    cleanups.push(start.stop)
    const out = await start.matched
    const lines = out.trim().split('\n')
    expect(lines[0]).toMatch(
      /^Electron's binary is not installed: serving Berth headless instead\.$/
    )
    expect(lines[1]).toMatch(/^Berth is serving on http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/)
    if (process.platform === 'linux') {
      // The agent runs as npm start's child, with two malloc arenas (scripts/agent-env.mjs).
      const pid = start.child.pid!
      const [agent] = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')
      const env = readFileSync(`/proc/${agent}/environ`, 'utf8').split('\0')
      expect(env).toContain('MALLOC_ARENA_MAX=2')
    }
    expect(await start.stop()).toBe(0)
  })

  it('the sandbox prints one JSON line a client can connect with, on a pinned port', async () => {
    const sandbox = run(['out/main/sandbox.js', '--json', '--port', '0'], /\n/)
    cleanups.push(sandbox.stop)
    const line = (await sandbox.matched).trim()
    const { qbo } = JSON.parse(line) as { qbo: { url: string; token: string } }
    expect(qbo.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/)
    const ws = new WebSocket(qbo.url, { headers: { cookie: `qbo_uid=${qbo.token}; qbo_aux=` } })
    await new Promise((r, j) => (ws.on('open', r), ws.on('error', j)))
    ws.close()
    expect(await sandbox.stop()).toBe(0)
  })

  it('headless refuses a bad config with a clear message and exit code 2', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const child = spawn(
      process.execPath,
      ['out/main/headless.js', '--headless', '--config', `${dir.path}/missing.json`],
      { cwd: root }
    )
    let err = ''
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    const code = await new Promise((r) => child.on('exit', r))
    expect(code).toBe(2)
    expect(err).toMatch(/Cannot read .*missing\.json/)
  })
})
