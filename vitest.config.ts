import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { svelteTesting } from '@testing-library/svelte/vite'

const root = import.meta.dirname
const resolveContract = {
  alias: { '@contract': resolve(root, 'src-shared/contract/index.ts') }
}

export default defineConfig({
  test: {
    reporters: ['default', resolve(root, 'test/support/summary-reporter.ts')],
    projects: [
      {
        resolve: resolveContract,
        test: {
          name: 'agent',
          environment: 'node',
          include: ['test/main/**/*.test.ts'],
          testTimeout: 20_000
        }
      },
      {
        resolve: resolveContract,
        plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') }), svelteTesting()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.ts']
        }
      },
      {
        resolve: resolveContract,
        test: {
          name: 'bench',
          environment: 'node',
          include: [],
          benchmark: { include: ['bench/**/*.bench.ts'] }
        }
      },
      {
        resolve: resolveContract,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser and one agent at a time: the machine has two cores.
          fileParallelism: false
        }
      }
    ]
  }
})
