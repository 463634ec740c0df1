/**
 * The `backstage-frontend` jest project (see the root jest.config.js): jsdom and the same swc
 * transforms `backstage-cli package test` applies to a frontend plugin, so Backstage's ESM-only
 * packages load under jest's CommonJS runtime.
 */
const path = require('node:path');

const config = path.dirname(require.resolve('@backstage/cli-module-test-jest/config/jest.js'));
const swc = require.resolve(path.join(config, 'jestSwcTransform'));
const react = { react: { runtime: 'automatic' } };

module.exports = {
  testEnvironment: require.resolve(path.join(config, 'jest-environment-jsdom')),
  runtime: require.resolve(path.join(config, 'jestCachingModuleLoader')),
  transform: {
    '\\.(mjs|cjs|js)$': [swc, { jsc: { parser: { syntax: 'ecmascript' } } }],
    '\\.jsx$': [swc, { jsc: { parser: { syntax: 'ecmascript', jsx: true }, transform: react } }],
    '\\.(mts|cts|ts)$': [swc, { jsc: { parser: { syntax: 'typescript' } } }],
    '\\.tsx$': [swc, { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: react } }],
    '\\.(bmp|gif|jpg|jpeg|png|ico|webp|svg|eot|woff|woff2|ttf)$': require.resolve(path.join(config, 'jestFileTransform.js')),
  },
  // Everything in node_modules is transformed except packages known to ship CommonJS (Backstage's list).
  transformIgnorePatterns: [
    '/node_modules/(?:@material-ui|ajv|core-js|jest-.*|jsdom|knex|react|react-dom|highlight\\.js|prismjs|json-schema|react-use/lib|typescript)/',
  ],
  moduleNameMapper: { '\\.(css|less|scss)$': require.resolve('jest-css-modules', { paths: [config] }) },
  setupFilesAfterEnv: [require.resolve('./src/setupTests.ts')],
};
