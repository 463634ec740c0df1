/**
 * A real VS Code editor for the e2e tests and the benchmark, offline: code-server 4.100.3 (the last
 * release that runs on Node 20) installed once into a cache outside the repository, started
 * detached in its own process group with throw-away user data, and stopped by killing that group
 * (extension hosts outlive the browser otherwise). See ../../../shared/VSCODE-E2E.md beside the repo.
 *
 * Plain CommonJS so `test/bench/vscode-bench.js` uses it as is.
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const VERSION = '4.100.3';
const repo = path.resolve(__dirname, '../../..');
const cacheRoot = process.env.SWITCHYARD_E2E_CACHE || path.join(os.homedir(), '.cache', 'switchyard-e2e');
const installDir = path.join(cacheRoot, `code-server-${VERSION}`);
const binary = path.join(installDir, 'node_modules', '.bin', 'code-server');

/** code-server's install and runtime directories, never the home directory. */
function xdgEnv(base) {
  const env = { ...process.env };
  for (const [key, dir] of [
    ['XDG_CONFIG_HOME', 'config'],
    ['XDG_DATA_HOME', 'data'],
    ['XDG_CACHE_HOME', 'cache'],
  ]) {
    env[key] = path.join(base, dir);
    fs.mkdirSync(env[key], { recursive: true });
  }
  return env;
}

/**
 * Installs code-server into the cache once (~30 s, ~300 MB); later calls reuse it. @vscode/ripgrep
 * would download ripgrep from GitHub: its cache is pre-seeded with Debian's `rg` instead.
 */
function ensureCodeServer(log = () => {}) {
  if (fs.existsSync(binary)) return binary;
  const rg = ['/usr/bin/rg', '/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new Error('code-server needs ripgrep: apt-get install ripgrep (test/support/system-deps.sh does it as root)');
  fs.mkdirSync(cacheRoot, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cacheRoot, 'install-'));
  const tmp = path.join(staging, 'tmp');
  const rgCache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(path.join(staging, 'rg'), { recursive: true });
  fs.mkdirSync(rgCache, { recursive: true });
  fs.copyFileSync(rg, path.join(staging, 'rg', 'rg'));
  execFileSync('tar', [
    '-czf',
    path.join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'),
    '-C',
    path.join(staging, 'rg'),
    'rg',
  ]);
  log(`installing code-server ${VERSION} into ${installDir} (once)`);
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  const env = {
    ...xdgEnv(path.join(staging, 'xdg')),
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_cache: path.join(staging, 'npm-cache'),
    // Node's own headers (Debian's nodejs and the official builds ship them under the prefix), so
    // node-gyp never tries to download them.
    ...(fs.existsSync(path.join(nodePrefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: nodePrefix } : {}),
  };
  const prefix = path.join(staging, 'prefix');
  try {
    execFileSync('npm', ['install', `code-server@${VERSION}`, '--prefix', prefix, '--no-audit', '--no-fund'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
  } catch (error) {
    throw new Error(
      `installing code-server ${VERSION} failed (see VSCODE-E2E.md for the prerequisites): ${error.stderr?.toString().slice(-2000) ?? error}`,
    );
  }
  if (!fs.existsSync(installDir)) fs.renameSync(prefix, installDir); // another process may have won the race: keep theirs
  fs.rmSync(staging, { recursive: true, force: true });
  return binary;
}

/** Builds the extension and packages it (yarn package:vsix); returns the .vsix path. */
function packageExtension() {
  try {
    execFileSync(process.execPath, [path.join(repo, '.yarn', 'releases', 'yarn-4.10.3.cjs'), 'package:vsix'], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.slice(-3000);
    throw new Error(`yarn package:vsix failed (type errors or a bundling problem in extension/):\n${output}`);
  }
  return path.join(repo, 'extension', 'dist', 'switchyard.vsix');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts code-server on `workspace` with the .vsix installed and the given user settings.
 * Returns { url, port, userDataDir, logFile, stop }.
 */
async function startEditor({ vsix, workspace, settings = {}, log = () => {} }) {
  const bin = ensureCodeServer(log);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-code-server-'));
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'git.enabled': false,
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      ...settings,
    }),
  );
  const env = { ...xdgEnv(path.join(base, 'xdg')), TMPDIR: base };
  execFileSync(bin, ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await freePort();
  const logFile = path.join(base, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    bin,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      workspace,
    ],
    { env, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const stop = async () => {
    for (const signal of ['SIGTERM', 'SIGKILL']) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        break; // the group is gone
      }
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        try {
          process.kill(-child.pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const deadline = Date.now() + 60_000;
  while (!(await healthy(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not start (exit ${child.exitCode}); its log:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, port, userDataDir, logFile, base, stop };
}

/** Debian's Chromium through playwright-core, with everything that would reach the network off. */
async function openBrowser(url) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return { browser, page };
}

/** The extension's global storage in a code-server user-data dir (activation record, runs). */
function extensionStorage(userDataDir) {
  return path.join(userDataDir, 'User', 'globalStorage', 'switchyard.switchyard-vscode');
}

module.exports = { ensureCodeServer, packageExtension, startEditor, openBrowser, extensionStorage, repo };
