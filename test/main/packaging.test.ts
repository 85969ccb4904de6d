import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'
import Ajv from 'ajv'
import type { Configuration } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/** electron-builder.yml as `npm run dist` packages Berth; see also package.json's scripts. */
const root = resolve(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Configuration
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string
  author?: string
  scripts: Record<string, string>
}

const TRAY_STATES = ['online', 'syncing', 'offline', 'attention']

// electron-builder's own pattern matcher (the one it applies to `files` and `asarUnpack`).
type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean
const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (s: string) => string,
    patterns: unknown
  ) => { createFilter(): Filter }
}
const matcher = (patterns: unknown): ((path: string, directory?: boolean) => boolean) => {
  const filter = new FileMatcher(root, '/app', (s) => s, patterns).createFilter()
  return (path, directory = false) => filter(join(root, path), { isDirectory: () => directory })
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Pixel size and colour type from a PNG's IHDR chunk. */
function png(path: string): { width: number; height: number; colourType: number } {
  const file = join(root, path)
  expect(existsSync(file), `${path} is missing (npm run icons)`).toBe(true)
  const bytes = readFileSync(file)
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${path} is not a PNG`).toBe(true)
  expect(bytes.toString('ascii', 12, 16), `${path} does not start with IHDR`).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25]! }
}

/** Every file electron-builder's walker would take from the project (node_modules aside). */
function shippedFiles(accepts: (path: string, directory?: boolean) => boolean): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = relative(root, join(dir, entry.name))
      if (path === 'node_modules' || path === '.git') continue
      if (entry.isDirectory()) {
        if (accepts(path, true)) walk(join(dir, entry.name))
      } else if (accepts(path)) found.push(path)
    }
  }
  walk(root)
  return found
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(
      readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')
    ) as object
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    const valid = validate(config)
    expect(valid, JSON.stringify(validate.errors, null, 2)).toBe(true)
  })

  it('names the app and writes installers to dist/ without publishing', () => {
    expect(config.appId).toBe('dev.berth.app')
    expect(config.productName).toBe('Berth')
    expect(config.directories).toMatchObject({ buildResources: 'build', output: 'dist' })
    expect(config.publish).toBeNull()
  })

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toBe('dmg')
    expect(config.win?.target).toBe('nsis')
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true })
  })

  it('gives the deb a maintainer and what the tray and notifications need', () => {
    expect(config.linux?.category).toBe('Development')
    // The deb's maintainer is package.json's author (dpkg refuses a package without one).
    expect(config.linux?.maintainer ?? pkg.author).toMatch(/<[^@\s]+@[^>\s]+>/)
    const depends = config.deb?.depends ?? []
    expect(depends).toContain('libnotify4')
    expect(depends.some((d) => /appindicator3-1/.test(d))).toBe(true)
    // The list replaces electron-builder's defaults: keep the ones Electron itself needs.
    for (const lib of ['libgtk-3-0', 'libnss3', 'libsecret-1-0']) expect(depends).toContain(lib)
  })

  it('registers toasts on Windows under the appId the installer uses', () => {
    const entry = readFileSync(join(root, 'src-main/index.ts'), 'utf8')
    expect(entry).toContain(`app.setAppUserModelId('${config.appId}')`)
  })

  it('burns out the Electron features Berth never uses (fuses)', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true
    })
  })

  it('signs macOS builds with the hardened runtime and a JIT entitlement', () => {
    expect(config.mac).toMatchObject({
      category: 'public.app-category.developer-tools',
      hardenedRuntime: true
    })
    for (const key of ['entitlements', 'entitlementsInherit'] as const) {
      const path = config.mac?.[key]
      expect(path, `mac.${key}`).toBeTruthy()
      expect(readFileSync(join(root, path!), 'utf8')).toMatch(
        /<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/
      )
    }
  })

  it('has a square app icon of at least 1024 px wherever one is referenced', () => {
    const icons = new Set([
      config.icon ?? `${config.directories?.buildResources ?? 'build'}/icon.png`,
      ...[config.mac?.icon, config.win?.icon, config.linux?.icon].filter(
        (icon): icon is string => typeof icon === 'string'
      )
    ])
    for (const icon of icons) {
      expect(icon, `${icon}: electron-builder derives .icns/.ico from one PNG`).toMatch(/\.png$/)
      const { width, height } = png(icon)
      expect([width, height], icon).toEqual([1024, 1024])
    }
  })

  it('has every tray state icon at 1x (16 px) and @2x (32 px), with transparency', () => {
    for (const state of TRAY_STATES) {
      for (const [suffix, size] of [
        ['', 16],
        ['@2x', 32]
      ] as const) {
        const path = `resources/tray/${state}${suffix}.png`
        expect(png(path), path).toEqual({ width: size, height: size, colourType: 6 })
      }
    }
  })

  it('ships the build output and package.json, and nothing of the sources', () => {
    const accepts = matcher(config.files)
    for (const path of [
      pkg.main,
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'package.json'
    ])
      expect(accepts(path), `${path} must ship`).toBe(true)

    for (const dir of ['src-main', 'src-renderer', 'test', 'specs', 'bench', 'scripts', 'build'])
      expect(accepts(dir, true), `${dir}/ must not ship`).toBe(false)

    const outside = shippedFiles(accepts).filter(
      (path) => !path.startsWith('out/') && path !== 'package.json'
    )
    expect(outside, 'files outside out/ and package.json would ship').toEqual([])
  })

  it('ships better-sqlite3 with its addon but without its C sources', () => {
    // electron-builder applies `files` to production dependencies after an implicit `**/*`.
    const accepts = matcher(['**/*', ...([] as unknown[]).concat(config.files ?? [])])
    const module = 'node_modules/better-sqlite3'
    for (const path of ['package.json', 'lib/index.js', 'build/Release/better_sqlite3.node'])
      expect(accepts(`${module}/${path}`), `${path} must ship`).toBe(true)
    for (const path of [
      'deps/sqlite3/sqlite3.c',
      'src/better_sqlite3.cpp',
      'build/Release/obj/gen/sqlite3/sqlite3.c'
    ])
      expect(accepts(`${module}/${path}`), `${path} must not ship`).toBe(false)
  })

  it('keeps the native addon out of the asar archive', () => {
    const unpacked = matcher(config.asarUnpack)
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true)
    expect(unpacked(pkg.main)).toBe(false)
  })

  it('ships every tray icon as a plain file at <resources>/tray/<name>.png', () => {
    const sets = ([] as unknown[]).concat(config.extraResources ?? [])
    const destinations = (file: string): string[] =>
      sets.flatMap((set) => {
        if (typeof set !== 'object' || set === null || !('from' in set)) return []
        const { from, to = from, filter } = set as { from: string; to?: string; filter?: unknown }
        const accepts = new FileMatcher(join(root, from), to, (s) => s, filter).createFilter()
        const path = join(root, file)
        const inside = relative(join(root, from), path)
        return !inside.startsWith('..') && accepts(path, { isDirectory: () => false })
          ? [join(to, inside)]
          : []
      })
    for (const state of TRAY_STATES)
      for (const name of [`${state}.png`, `${state}@2x.png`])
        expect(destinations(`resources/tray/${name}`), name).toEqual([`tray/${name}`])
  })

  it("rebuilds better-sqlite3 for Electron's ABI when packaging", () => {
    expect(config.npmRebuild).toBe(true)
  })
})

describe('package.json', () => {
  it('builds then packages with `npm run dist`, per platform, and gives Node its addon back', () => {
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder')
    for (const os of ['linux', 'mac', 'win'])
      expect(pkg.scripts[`dist:${os}`]).toBe(`npm run dist -- --${os}`)
    // electron-builder rebuilt better-sqlite3 for Electron in place; tests and headless need Node's.
    expect(pkg.scripts.postdist).toBe('npm rebuild better-sqlite3')
    expect(pkg.scripts.icons).toBe('node scripts/make-icons.mjs')
  })

  it('has an entry electron-builder can find', () => {
    expect(pkg.main).toBe('out/main/index.js')
  })
})
