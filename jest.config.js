/** One jest run over every package; tests sit next to the code they test, end-to-end tests in test/. */
// The AWS SDK warns once per process that its releases after January 2027 need Node 22; CI runs
// Node 20 on purpose (and Node 22 apart), so the warning is only noise in the tests' output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const tsJest = {
  '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true, isolatedModules: true } }],
};
// cel-js ships ESM only; jest runs CommonJS, so it is transformed like our own sources.
const transformIgnorePatterns = ['/node_modules/(?!@marcbachmann/cel-js/)'];
const common = { transform: tsJest, transformIgnorePatterns, testEnvironment: 'node' };
module.exports = {
  // Per-test limit; the end-to-end tests start simulators and child processes.
  testTimeout: 60000,
  // A leaked handle must not hang CI after the tests have ended (test/support/exit-guard-reporter.js).
  reporters: ['default', '<rootDir>/test/support/exit-guard-reporter.js'],
  projects: [
    { ...common, displayName: 'core', roots: ['<rootDir>/shared/core/src'] },
    { ...common, displayName: 'simulator', roots: ['<rootDir>/shared/simulator/src'] },
    { ...common, displayName: 'cli', roots: ['<rootDir>/shared/cli/src'] },
    { ...common, displayName: 'e2e', roots: ['<rootDir>/test'] },
    // The VS Code extension: pure modules and adapters (a small `vscode` mock); workspace packages from source, as the bundle has them.
    {
      ...common,
      displayName: 'vscode',
      roots: ['<rootDir>/extension/src'],
      moduleNameMapper: {
        '^vscode$': '<rootDir>/extension/src/testing/vscode-mock.ts',
        '^@switchyard/(core|simulator)$': '<rootDir>/shared/$1/src/index.ts',
        '^@switchyard/core/model$': '<rootDir>/shared/core/src/model/index.ts',
        '^@switchyard/core/simulator-credentials$': '<rootDir>/shared/core/src/aws/simulator-credentials.ts',
        '^@switchyard/core/testing/maintenance-endpoint$': '<rootDir>/shared/core/src/blocks/http/testing/maintenance-endpoint.ts',
      },
    },
    // @switchyard/ui: React components in jsdom (tsx compiled with the automatic JSX runtime).
    {
      displayName: 'ui',
      roots: ['<rootDir>/shared/ui/src'],
      testEnvironment: 'jsdom',
      transform: {
        '^.+\\.tsx?$': ['ts-jest', { tsconfig: { jsx: 'react-jsx', module: 'commonjs', esModuleInterop: true, isolatedModules: true } }],
      },
    },
    // The Backstage frontend plugin: jsdom and the transforms `backstage-cli package test` uses.
    { ...require('./plugins/switchyard/jest.project.js'), displayName: 'backstage-frontend', roots: ['<rootDir>/plugins/switchyard/src'] },
    // The Backstage backend plugin (startTestBackend + supertest, SQLite in memory, PostgreSQL races) and the common package.
    {
      ...common,
      displayName: 'backstage-backend',
      roots: ['<rootDir>/plugins/switchyard-backend/src', '<rootDir>/plugins/switchyard-common/src'],
      // jose (under @backstage/plugin-auth-node) is ESM only, wherever it is nested.
      transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(jose|@marcbachmann/cel-js)/)'],
      // Under another Node (test/support/node-from-registry.js), the native SQLite addon built for it.
      ...(process.env.SWITCHYARD_BETTER_SQLITE3 ? { moduleNameMapper: { '^better-sqlite3$': process.env.SWITCHYARD_BETTER_SQLITE3 } } : {}),
    },
  ],
};
