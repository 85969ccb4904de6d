import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir'

/**
 * The import rules of `.dependency-cruiser.cjs` (run over the real tree by `npm run lint`) are
 * shown to fire: a small tree breaking each rule once, beside imports that are allowed, is
 * cruised with the project's own config, and exactly the breaking arrows are reported.
 */
const root = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

const tree: Record<string, string> = {
  'tsconfig.node.json': JSON.stringify({
    compilerOptions: { baseUrl: '.', paths: { '@contract': ['./src-shared/contract/index.ts'] } }
  }),
  'node_modules/electron/package.json': '{"name":"electron","main":"index.js"}',
  'node_modules/electron/index.js': 'module.exports = {}',
  'src-shared/contract/index.ts': "import '../../src-main/agent/service'\nexport const ok = 1",
  'src-main/agent/service.ts': "import { ok } from '@contract'\nexport const agent = ok",
  'src-main/agent/a.ts': "import type { B } from './b'\nexport type A = B",
  'src-main/agent/b.ts': "import type { A } from './a'\nexport type B = A | 1",
  'src-main/agent/desktop-only.ts': "import { app } from 'electron'\nexport const x = app",
  'src-main/shell/window.ts': "import { app } from 'electron'\nexport const w = app",
  'src-main/shell/y.ts': 'export const y = 1',
  'src-main/headless/z.ts': 'export const z = 1',
  'src-main/index.ts': "import 'electron'\nimport './shell/window'",
  'src-main/preload.ts': "import 'electron'",
  'src-main/cache/reads.ts': "import '../agent/service'\nimport '@contract'",
  'src-main/store/keeps.ts': "import '../shell/y'\nimport '../cache/reads'",
  'src-main/providers/talks.ts': "import '../headless/z'\nimport '../store/keeps'",
  'src-main/vault/seals.ts': "import '../agent/service'",
  'src-renderer/lib/reaches.ts': "import '../../src-main/shell/y'\nimport '@contract'",
  'test/renderer/peeks.test.ts': "import '../../src-main/headless/z'"
}

interface Violation {
  from: string
  to: string
  rule: { name: string }
}

describe('the import boundaries', () => {
  const dir = tempDir('berth-boundaries-')
  let found: string[] = []

  beforeAll(async () => {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir.path, path)), { recursive: true })
      writeFileSync(join(dir.path, path), text)
    }
    const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
    const config = join(root, '.dependency-cruiser.cjs')
    const args = [cli, 'src-main', 'src-renderer', 'src-shared', 'test', '--config', config]
    // It exits non-zero when it finds violations, which is what this tree is for.
    const output = await run(process.execPath, [...args, '--output-type', 'json'], {
      cwd: dir.path
    }).catch((error: { stdout: string }) => error)
    const report = JSON.parse(output.stdout) as { summary: { violations: Violation[] } }
    found = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
  })
  afterAll(() => dir.remove())

  it('reports each breaking arrow and nothing that is allowed', () => {
    expect(found).toEqual(
      [
        'contract-on-the-ground-floor: src-shared/contract/index.ts → src-main/agent/service.ts',
        'electron-only-in-the-shell: src-main/agent/desktop-only.ts → node_modules/electron/index.js',
        'lower-layers-stay-low: src-main/cache/reads.ts → src-main/agent/service.ts',
        'lower-layers-stay-low: src-main/providers/talks.ts → src-main/headless/z.ts',
        'lower-layers-stay-low: src-main/store/keeps.ts → src-main/shell/y.ts',
        'lower-layers-stay-low: src-main/vault/seals.ts → src-main/agent/service.ts',
        // A circle is reported once, at its first arrow; type-only imports count.
        'no-circular: src-main/agent/a.ts → src-main/agent/b.ts',
        // The contract importing the agent, which imports the contract, is a circle as well.
        'no-circular: src-main/agent/service.ts → src-shared/contract/index.ts',
        'renderer-speaks-only-the-contract: src-renderer/lib/reaches.ts → src-main/shell/y.ts',
        'renderer-speaks-only-the-contract: test/renderer/peeks.test.ts → src-main/headless/z.ts'
      ].sort()
    )
  })
})
