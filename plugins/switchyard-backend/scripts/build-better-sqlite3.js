#!/usr/bin/env node
/**
 * Builds better-sqlite3's native addon (the Backstage backend's default database) after
 * `yarn install`; the root package.json runs it as `postinstall` and marks better-sqlite3
 * `built: false` so Yarn does not try its own build first.
 *
 * Why: better-sqlite3's install downloads a prebuilt binary, and node-gyp under Yarn ignores the
 * machine's npm `nodedir` and downloads Node's headers — both fail without internet access. This
 * compiles from source against the headers of the Node that runs the install (official Node
 * builds and Debian's nodejs both ship include/node/node.h under their prefix), so a fresh clone
 * needs no environment variables. Skips the build when a working addon is already there.
 */
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repoRoot = path.resolve(__dirname, '../../..');
const searchFrom = [path.resolve(__dirname, '..'), repoRoot];

function resolveFrom(request) {
  try {
    return require.resolve(request, { paths: searchFrom });
  } catch {
    return undefined;
  }
}

/** True when the addon loads in this Node (a build for another Node version fails here). */
function addonWorks(pkgDir) {
  const probe = `const D = require(${JSON.stringify(pkgDir)}); new D(':memory:').prepare('select 1').get();`;
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** node-gyp needs python3, make and a C++ compiler; as root on Debian they are installed from Debian. */
function ensureToolchain() {
  const missing = [
    ['python3', 'python3'],
    ['make', 'make'],
    ['g++', 'g++'],
  ]
    .filter(([command]) => !have(command))
    .map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && have('apt-get')) {
    console.log(`better-sqlite3: installing ${missing.join(', ')} from Debian to compile it`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
    if (install.status === 0) return;
  }
  fail(`compiling it needs ${missing.join(', ')}; install them (e.g. apt-get install ${missing.join(' ')}) and run yarn install again`);
}

function fail(message) {
  console.error(`better-sqlite3: ${message}`);
  process.exit(1);
}

const manifest = resolveFrom('better-sqlite3/package.json');
if (!manifest) process.exit(0); // not installed (e.g. a focused install): nothing to build
const pkgDir = path.dirname(manifest);
if (existsSync(path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node')) && addonWorks(pkgDir)) process.exit(0);

const gyp = resolveFrom('node-gyp/bin/node-gyp.js');
if (!gyp) fail('node-gyp is not installed (it is a root devDependency); run yarn install again');
ensureToolchain();

const prefix = path.resolve(path.dirname(process.execPath), '..');
const localHeaders = existsSync(path.join(prefix, 'include', 'node', 'node.h'));
const env = { ...process.env };
if (localHeaders) env.npm_config_nodedir = prefix;
console.log(
  `better-sqlite3: compiling the native addon for Node ${process.version}${localHeaders ? ` with the headers in ${prefix}/include/node` : ''} (about a minute)`,
);
const build = spawnSync(process.execPath, [gyp, 'rebuild', '--release', ...(localHeaders ? [`--nodedir=${prefix}`] : [])], {
  cwd: pkgDir,
  stdio: 'inherit',
  env,
});
if (build.status !== 0 || !addonWorks(pkgDir)) {
  fail(`the build failed (exit ${build.status}); the Backstage backend cannot use SQLite until it builds — see the node-gyp output above`);
}
console.log('better-sqlite3: built');
