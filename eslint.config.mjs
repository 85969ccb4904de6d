import js from '@eslint/js'
import ts from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import svelteConfig from './svelte.config.js'

export default ts.config(
  { ignores: ['out/', 'out-*/', 'node_modules/', 'test-results/', 'dist/', '**/*.generated.ts'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig }
    }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }]
    }
  },
  {
    // Command-line entries talk to the terminal on purpose.
    files: [
      'scripts/**',
      'bench/**',
      'src-main/sandbox/cli.ts',
      'src-main/headless.ts',
      'src-main/headless/run.ts',
      'test/**'
    ],
    rules: { 'no-console': 'off' }
  }
)
