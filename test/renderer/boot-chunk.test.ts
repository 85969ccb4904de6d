import {
  CYCLE_IMAGE_WORKING_STATES,
  FAILED_IMAGE_STATE,
  MAX_PAGE as CONTRACT_MAX_PAGE,
  isNodeReady as contractReady,
  nodeStateWord as contractWord
} from '@contract'
import { describe, expect, it } from 'vitest'
import { isNodeReady, nodeStateWord } from '../../src-renderer/lib/node-ready'
import { MAX_PAGE } from '../../src-renderer/lib/page-limit'
import { FAILED_IMAGE } from '../../src-renderer/lib/cycle-filters'
import { IMAGE_WORKING } from '../../src-renderer/lib/state-tone'

// Every renderer module's source, read as text: the test follows imports, it runs nothing.
const sources = import.meta.glob<string>(
  ['../../src-renderer/**/*.ts', '../../src-renderer/**/*.svelte'],
  { query: '?raw', import: 'default', eager: true }
)
const PREFIX = '../../src-renderer/'

/** The specifiers a module loads before it runs: static imports and re-exports, not `import type`. */
function staticImports(source: string): string[] {
  const found: string[] = []
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm
  for (const match of source.matchAll(pattern)) {
    if (!match[2] && match[3]) found.push(match[3])
  }
  return found
}

function resolveRelative(from: string, specifier: string): string | null {
  const parts = from.split('/').slice(0, -1)
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.') parts.push(part)
  }
  const base = parts.join('/')
  for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, `${base}/index.ts`]) {
    if (candidate in sources) return candidate
  }
  return null
}

/** Everything `entry` pulls in before its first line runs: what its chunk must hold. */
function graph(entry: string): { modules: string[]; packages: string[] } {
  const modules = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string): void => {
    if (modules.has(file)) return
    modules.add(file)
    for (const specifier of staticImports(sources[file] ?? '')) {
      if (!specifier.startsWith('.')) packages.add(specifier)
      else if (specifier.endsWith('.css')) continue
      else {
        const next = resolveRelative(file, specifier)
        if (!next) throw new Error(`${file} imports ${specifier}, which is not a .ts module here`)
        visit(next)
      }
    }
  }
  visit(`${PREFIX}${entry}`)
  return { modules: [...modules].map((m) => m.slice(PREFIX.length)), packages: [...packages] }
}

describe('the first chunk', () => {
  it('is found by following imports (the walk itself works)', () => {
    const { modules } = graph('main.ts')
    expect(modules).toContain('lib/api/ws-transport.ts')
    expect(modules).toContain('lib/api/primed.ts')
    expect(
      staticImports("import type { A } from 'x'\nimport { b } from 'y'\nimport 'z.css'")
    ).toEqual(['y', 'z.css'])
  })

  // The socket opens and the first rows are asked for as soon as this chunk runs; zod and the
  // contract's schemas (most of the code), Svelte and the views come in later chunks, fetched
  // while the first answer is on its way. The agent validates every call at its boundary.
  it('loads no package before it opens the socket: no zod, no contract values, no Svelte', () => {
    expect(graph('main.ts').packages).toEqual([])
  })
})

describe('the views', () => {
  it('are found by following imports, Svelte components included', () => {
    const { modules, packages } = graph('mount-app.ts')
    expect(modules).toContain('views/NodesView.svelte')
    expect(modules).toContain('components/ResourceTable.svelte')
    expect(packages).toContain('svelte')
  })

  // zod and the schemas take tens of milliseconds to evaluate: the views mount and show the first
  // rows without them; the few places that run the contract's code load it when they need it.
  it('mount without evaluating the contract: no zod, no contract values', () => {
    const { packages } = graph('mount-app.ts')
    expect(packages.filter((p) => p === '@contract' || p.startsWith('zod'))).toEqual([])
  })

  it('page by the contract’s own limit', () => {
    expect(MAX_PAGE).toBe(CONTRACT_MAX_PAGE)
  })

  it('read a failed Cycle image by the contract’s own rule', () => {
    expect([...IMAGE_WORKING].sort()).toEqual([...CYCLE_IMAGE_WORKING_STATES].sort())
    expect(FAILED_IMAGE).toBe(FAILED_IMAGE_STATE)
  })

  it('read a node’s state by the contract’s own rule', () => {
    for (const state of [
      'ready',
      ' Ready',
      'READY',
      'running',
      'NotReady',
      'notready',
      'stopped',
      ''
    ]) {
      expect([isNodeReady(state), nodeStateWord(state)]).toEqual([
        contractReady(state),
        contractWord(state)
      ])
    }
  })
})
