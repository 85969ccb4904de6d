import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * Electronegativity (Doyensec's Electron security scanner) over the main process and the page's
 * CSP, scanned together so one run sees both. It works offline (it only warns that it could not
 * fetch translations or Electron's release list).
 */
const root = resolve(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)

interface Issue {
  id: string
  file: string
  sample: string
  location: { line: number; column: number }
  severity: { value: number; name: string }
}
type Scan = (options: {
  input: string
  electronVersionOverride: string
  isRelative: boolean
}) => Promise<{ issues: Issue[]; errors: unknown[] }>

const scan = require('@doyensec/electronegativity') as Scan
const electronVersion = (
  JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }
).version
const MEDIUM = 2

/**
 * A deliberately unsafe window, scanned alongside: its findings prove the scanner parsed
 * TypeScript and ran its checks, so an empty report cannot come from a scan that saw nothing.
 */
const CANARY = [
  "import { BrowserWindow } from 'electron'",
  'export const canary = new BrowserWindow({ webPreferences: { sandbox: false } })',
  ''
].join('\n')

describe('electronegativity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-eng-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it(
    'reports no high or medium finding in the main process and the page’s CSP',
    { timeout: 60_000 },
    async () => {
      cpSync(join(root, 'src-main'), join(dir, 'src-main'), { recursive: true })
      cpSync(join(root, 'src-renderer/index.html'), join(dir, 'src-renderer/index.html'))
      writeFileSync(join(dir, 'canary.ts'), CANARY)

      const { issues, errors } = await scan({
        input: dir,
        electronVersionOverride: electronVersion,
        isRelative: true
      })
      expect(errors, 'files the scanner could not parse').toEqual([])
      expect(issues.filter((i) => i.file === 'canary.ts').map((i) => i.id)).toEqual(
        expect.arrayContaining(['AUXCLICK_JS_CHECK', 'SANDBOX_JS_CHECK'])
      )
      const findings = issues
        .filter((i) => i.file !== 'canary.ts' && i.severity.value >= MEDIUM)
        .map((i) => `${i.severity.name} ${i.id} ${i.file}:${i.location.line} ${i.sample.trim()}`)
      expect(findings).toEqual([])
    }
  )
})
