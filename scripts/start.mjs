// `npm start`: the desktop app where Electron can run, otherwise the same UI served headless.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { agentEnv } from './agent-env.mjs'
import { electronSqliteBinding } from './electron-abi.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

/** The path of a usable Electron binary, or why there is none. */
async function findElectron() {
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const pathFile = join(electronDir, 'path.txt')
  const binary = existsSync(pathFile) && join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))
  if (binary && existsSync(binary)) return { binary }
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return { why: "Electron's binary is not installed" }
  // Electron ≥ 42 fetches its binary on first use; try once, quietly.
  const fetched = await runQuiet(process.execPath, [join(electronDir, 'install.js')])
  const again = existsSync(pathFile) && join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))
  if (fetched && again && existsSync(again)) return { binary: again }
  return { why: "Electron's binary is not installed and could not be downloaded" }
}

function runQuiet(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'ignore' })
    child.on('exit', (code) => resolve(code === 0))
    child.on('error', () => resolve(false))
  })
}

const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)

/** Runs the app as a child with the agent's environment, passing signals on and its exit back. */
function runChild(command, commandArgs, env = {}) {
  const child = spawn(command, commandArgs, {
    stdio: 'inherit',
    env: agentEnv({ ...process.env, ...env })
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

function startHeadless(reason) {
  if (reason) console.log(`${reason}: serving Berth headless instead.`)
  runChild(process.execPath, [join(root, 'out/main/headless.js'), ...args])
}

let binding
if (args.includes('--headless')) {
  startHeadless(null)
} else {
  const electron = await findElectron()
  if (!electron.binary) startHeadless(electron.why)
  else if (!hasDisplay) startHeadless('No display is available')
  else {
    try {
      binding = await electronSqliteBinding(root)
    } catch (error) {
      console.error(error.message)
      startHeadless('The SQLite addon could not be built for Electron')
    }
  }
  if (binding) runChild(electron.binary, [root, ...args], { BERTH_SQLITE_BINDING: binding })
}
