// Child processes the bench starts: the built sandbox and the built headless agent.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { agentEnv } from '../../scripts/agent-env.mjs'

export const root = join(import.meta.dirname, '..', '..')
// BERTH_OUT points the bench at another build (as in test/support/build-dir.ts), so a bench of
// one's own build does not read a shared out/ that someone else is rebuilding.
const buildDir = resolve(root, process.env.BERTH_OUT ?? 'out')
const sandboxEntry = join(buildDir, 'main', 'sandbox.js')
const headlessEntry = join(buildDir, 'main', 'headless.js')
const probe = pathToFileURL(join(root, 'bench', 'agent-probe.mjs')).href

// Whatever the bench started ends with it, also when it is interrupted.
const children = new Set()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130))

function track(child) {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process ends first. */
function lineMatching(child, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    let text = ''
    let errors = ''
    const timer = setTimeout(() => fail(`no matching line within ${timeoutMs} ms`), timeoutMs)
    const fail = (why) => {
      clearTimeout(timer)
      reject(new Error(`${why}: ${errors.slice(-2000)}`))
    }
    child.stderr.on('data', (chunk) => (errors += chunk))
    child.stdout.on('data', (chunk) => {
      text += chunk
      for (const line of text.split('\n')) {
        const match = pattern.exec(line)
        if (match) {
          clearTimeout(timer)
          child.stdout.removeAllListeners('data')
          child.stdout.resume()
          resolve(match)
          return
        }
      }
    })
    child.once('exit', (code) => fail(`exited with ${code}`))
  })
}

export async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 8_000)
  await exited
  clearTimeout(timer)
}

/** The sandbox CLI with size flags; resolves with its connection details once it listens. */
export async function startSandbox(flags) {
  if (!existsSync(sandboxEntry)) throw new Error(`${sandboxEntry} is missing: run the build`)
  const child = track(
    spawn(process.execPath, [sandboxEntry, '--json', ...flags], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
  )
  const [line] = await lineMatching(child, /^\{.*\}$/, 120_000)
  return { child, connection: JSON.parse(line), stop: () => stopProcess(child) }
}

/**
 * The headless agent as `npm start -- --headless` runs it, with the probe preloaded. `startedAt`
 * is when it was spawned, `servingAt` when it printed its serving line.
 */
export async function startAgent({ dataDir, configFile, probeFile }) {
  const startedAt = performance.now()
  const child = track(
    spawn(
      process.execPath,
      [
        '--import',
        probe,
        headlessEntry,
        '--headless',
        '--port',
        '0',
        '--data',
        dataDir,
        '--config',
        configFile
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        // As `npm start` starts it (scripts/agent-env.mjs).
        env: agentEnv({ ...process.env, BERTH_BENCH_PROBE: probeFile ?? '' })
      }
    )
  )
  const [, url] = await lineMatching(child, /Berth is serving on (\S+)/, 60_000)
  const servingAt = performance.now()
  return {
    child,
    url,
    startedAt,
    servingAt,
    /** What the probe saw since the last call (and starts afresh). */
    async probe() {
      let before = 0
      try {
        before = JSON.parse(readFileSync(probeFile, 'utf8')).seq
      } catch {
        // No report yet.
      }
      child.kill('SIGUSR2')
      for (let i = 0; i < 400; i++) {
        await new Promise((r) => setTimeout(r, 25))
        try {
          const report = JSON.parse(readFileSync(probeFile, 'utf8'))
          if (report.seq > before) return report
        } catch {
          // Being written.
        }
      }
      throw new Error('the agent probe did not answer')
    },
    /** Peak resident set size so far, from the kernel (bytes). */
    peakRss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
      return kb * 1024
    },
    stop: () => stopProcess(child)
  }
}
