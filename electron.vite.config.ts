import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const root = import.meta.dirname
// The contract is the one module every side speaks; each side reaches it by the same name.
const resolveContract = {
  alias: { '@contract': resolve(root, 'src-shared/contract/index.ts') }
}

export default defineConfig({
  main: {
    resolve: resolveContract,
    build: {
      // zod goes into the bundle: loaded from node_modules it is ~100 modules to resolve, which
      // cost the sync worker (started for every sync) 35 ms of its 75 ms start.
      externalizeDeps: { exclude: ['zod'] },
      rolldownOptions: {
        // One bundle per way in: the Electron shell, headless mode, the standalone sandbox, and
        // the sync worker both agents start (src-main/sync/sync-worker.ts).
        input: {
          index: resolve(root, 'src-main/index.ts'),
          headless: resolve(root, 'src-main/headless.ts'),
          sandbox: resolve(root, 'src-main/sandbox/cli.ts'),
          'sync-worker': resolve(root, 'src-main/sync/sync-worker.ts')
        }
      }
    }
  },
  preload: {
    resolve: resolveContract,
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    resolve: resolveContract,
    build: {
      // Minified, the bundle parses and compiles in a fraction of the time: it is the first
      // thing between navigation and the first row.
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } }
    },
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') })]
  }
})
