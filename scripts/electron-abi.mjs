// better-sqlite3 is a native addon: Node (tests, headless) and Electron need different builds.
// Rather than rebuilding node_modules in place (which breaks whichever runtime ran second), the
// Electron build lives in its own folder and the agent is told where (`nativeBinding`).
import { spawn } from 'node:child_process'
import { cpSync, existsSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const run = (command, args, cwd) =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      stdio: 'inherit',
      shell: process.platform === 'win32'
    })
    child.on('exit', (code) => resolve(code === 0))
    child.on('error', () => resolve(false))
  })

/** Returns the path of better-sqlite3 built for this Electron, building it once if needed. */
export async function electronSqliteBinding(root) {
  const require = createRequire(join(root, 'package.json'))
  const electronVersion = require('electron/package.json').version
  const source = dirname(require.resolve('better-sqlite3/package.json'))
  const target = join(root, 'node_modules', '.berth-electron', `electron-${electronVersion}`)
  const binding = join(target, 'build', 'Release', 'better_sqlite3.node')
  if (existsSync(binding)) return binding

  console.log(`Building the SQLite addon for Electron ${electronVersion} (once)…`)
  rmSync(target, { recursive: true, force: true })
  cpSync(source, target, { recursive: true, filter: (p) => !p.includes(`${source}/build`) })
  const nodeGyp = join(
    dirname(process.execPath),
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js'
  )
  const gyp = existsSync(nodeGyp) ? [process.execPath, nodeGyp] : ['npx', 'node-gyp']
  const built = await run(
    gyp[0],
    [
      ...gyp.slice(1),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers'
    ],
    target
  )
  if (!built || !existsSync(binding)) {
    throw new Error(
      `Could not build better-sqlite3 for Electron ${electronVersion}; see the compiler output above`
    )
  }
  return binding
}
