// `npm start`: the desktop app where Electron can run, otherwise the same UI served headless.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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

async function startHeadless(reason) {
  if (reason) console.log(`${reason}: serving Berth headless instead.`)
  process.argv = [process.argv[0], join(root, 'out/main/headless.js'), ...args]
  await import(join(root, 'out/main/headless.js'))
}

let binding
if (args.includes('--headless')) {
  await startHeadless(null)
} else {
  const electron = await findElectron()
  if (!electron.binary) await startHeadless(electron.why)
  else if (!hasDisplay) await startHeadless('No display is available')
  else {
    try {
      binding = await electronSqliteBinding(root)
    } catch (error) {
      console.error(error.message)
      await startHeadless('The SQLite addon could not be built for Electron')
    }
  }
  if (binding) {
    const child = spawn(electron.binary, [root, ...args], {
      stdio: 'inherit',
      env: { ...process.env, BERTH_SQLITE_BINDING: binding }
    })
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
    child.on('exit', (code) => process.exit(code ?? 0))
  }
}
