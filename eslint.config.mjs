import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, which no browser bundle may import. */
const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
  'util',
  'url',
  'zlib',
];
/** The front ends: none imports another (each is an adapter around the core). */
const HOSTS = {
  cli: '@switchyard/cli',
  backstage: '@switchyard/backstage-plugin-*',
  vscode: ['vscode', 'switchyard-vscode'],
};
const noImports = (patterns, message) => ({ group: patterns.flat(), message });
const TESTS = ['**/*.test.{ts,tsx}', '**/testing/**', '**/setupTests.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', 'dist-types/**', '**/node_modules/**', '.yarn/**', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Browser bundles (shared/ui, the Backstage frontend, the VS Code webview) reach the core only
  // through its browser-safe model; `@switchyard/core` itself pulls Node modules (types only here).
  {
    files: ['shared/ui/src/**/*.{ts,tsx}', 'plugins/switchyard/src/**/*.{ts,tsx}', 'extension/src/webview/**/*.{ts,tsx}'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@switchyard/core',
              allowTypeImports: true,
              message: 'browser code: take run rules from @switchyard/core/model (the core entry pulls Node modules; types only here)',
            },
          ],
          patterns: [
            noImports([NODE_BUILTINS], 'browser code: no Node built-ins'),
            noImports([HOSTS.cli, HOSTS.vscode], 'a front end does not import another front end'),
          ],
        },
      ],
    },
  },
  // The core knows no front end.
  {
    files: ['shared/core/src/**/*.ts', 'shared/simulator/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [noImports([HOSTS.cli, HOSTS.backstage, HOSTS.vscode, '@switchyard/ui', 'react'], 'the core knows no front end')] },
      ],
    },
  },
  // The model entry is browser-safe by construction: nothing outside model/, nothing from Node.
  // (After the core's block: for a file both match, the later rule setting is the one in force.)
  {
    files: ['shared/core/src/model/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            noImports([['../*', '@switchyard/*']], '@switchyard/core/model imports only model/ files'),
            noImports([NODE_BUILTINS], '@switchyard/core/model is loaded in browsers: no Node built-ins'),
            noImports([HOSTS.cli, HOSTS.backstage, HOSTS.vscode, '@switchyard/ui', 'react'], 'the core knows no front end'),
          ],
        },
      ],
    },
  },
  // Each front end is an adapter around the core, never around another front end.
  {
    files: ['shared/cli/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [noImports([HOSTS.backstage, HOSTS.vscode], 'a front end does not import another front end')] },
      ],
    },
  },
  {
    files: ['plugins/switchyard-backend/src/**/*.ts', 'plugins/switchyard-common/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [noImports([HOSTS.cli, HOSTS.vscode], 'a front end does not import another front end')] },
      ],
    },
  },
  {
    files: ['extension/src/**/*.{ts,tsx}'],
    ignores: ['extension/src/webview/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [noImports([HOSTS.cli, HOSTS.backstage], 'a front end does not import another front end')] },
      ],
    },
  },
  // Node scripts (ES modules) run outside jest, e.g. the adopter tests; page.evaluate bodies run in the browser.
  {
    files: ['test/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', setTimeout: 'readonly', localStorage: 'readonly' },
    },
  },
);
