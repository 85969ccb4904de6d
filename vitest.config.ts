import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { svelteTesting } from '@testing-library/svelte/vite'

const root = import.meta.dirname

export default defineConfig({
  test: {
    reporters: ['default', resolve(root, 'test/support/summary-reporter.ts')],
    projects: [
      {
        test: {
          name: 'agent',
          environment: 'node',
          include: ['test/main/**/*.test.ts'],
          testTimeout: 20_000
        }
      },
      {
        plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') }), svelteTesting()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.ts']
        }
      },
      {
        test: {
          name: 'bench',
          environment: 'node',
          include: [],
          benchmark: { include: ['bench/**/*.bench.ts'] }
        }
      },
      {
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
