import { resolve } from 'node:path'

/**
 * Where the built app lives: `out/` as `npm test` builds it. BERTH_OUT points the tests at another
 * build (e.g. `electron-vite build --outDir out-x`), so two people working in one tree can each
 * test their own build without rebuilding the other's under a running test.
 */
export const BUILD_DIR = resolve(import.meta.dirname, '../..', process.env.BERTH_OUT ?? 'out')

export const builtFile = (path: string): string => resolve(BUILD_DIR, path)
