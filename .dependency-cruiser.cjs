/**
 * The house's load-bearing walls (see DESIGN.md, "The picture"). `npm run lint` runs this over the
 * product's sources; test/main/boundaries.test.ts proves every rule fires on a violating tree.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other (type imports included) have no owner.',
      from: {},
      to: { circular: true }
    },
    {
      name: 'lower-layers-stay-low',
      severity: 'error',
      comment:
        'The cache, stores, providers, vaults and the sync worker speak the contract and each other, never the agent or its hosts.',
      from: { path: '^src-main/(cache|store|providers|vault|sync)/' },
      to: { path: '^src-main/(agent|shell|headless)/' }
    },
    {
      name: 'electron-only-in-the-shell',
      severity: 'error',
      comment:
        'The agent is plain Node; only the desktop shell, its entry and the preload touch Electron.',
      from: { path: '^src-', pathNot: '^src-main/(shell/|index\\.ts$|preload\\.ts$)' },
      to: { path: '^node_modules/electron/' }
    },
    {
      name: 'renderer-speaks-only-the-contract',
      severity: 'error',
      comment: 'The page reaches the agent through the contract alone.',
      from: { path: '^(src-renderer|test/renderer)/' },
      to: { path: '^src-main/' }
    },
    {
      name: 'contract-on-the-ground-floor',
      severity: 'error',
      comment: 'The contract imports nothing of the project, so everything may import it.',
      from: { path: '^src-shared/' },
      to: { path: '^(src-main|src-renderer|test|bench)/' }
    }
  ],
  options: {
    // Type-only imports are arrows too: a circle through `import type` is still a circle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.generated\\.ts$' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte', '.json'] }
  }
}
