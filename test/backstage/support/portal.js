/**
 * Starts the Switchyard portal the way `yarn start` does (`backstage-cli repo start --plugin
 * switchyard`: the dev backend with the embedded simulator and catalog, and the frontend dev app)
 * on free ports, and waits until the backend is ready, the catalog has the demo database and the
 * frontend bundle is compiled. Used by the Backstage e2e tests and the fleet-page benchmark.
 */
const { spawn } = require('node:child_process');
const { createServer } = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');
const CLI = require.resolve('@backstage/cli/bin/backstage-cli', { paths: [path.join(ROOT, 'plugins/switchyard')] });

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A Backstage token for a demo user from the dev sign-in provider (`switchyard-dev`). */
async function devToken(backendUrl, user) {
  const response = await fetch(`${backendUrl}/api/auth/switchyard-dev/refresh`, {
    headers: { 'x-switchyard-user': user, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`sign-in as ${user} failed: ${response.status} ${await response.text()}`);
  const body = await response.json();
  const token = body.backstageIdentity && body.backstageIdentity.token;
  if (!token) throw new Error(`sign-in as ${user} returned no Backstage token: ${JSON.stringify(body).slice(0, 300)}`);
  return token;
}

/**
 * @param {{ env?: Record<string, string>, configs?: string[], timeoutMs?: number, entity?: string, log?: (line: string) => void }} [options]
 *   env: extra environment (e.g. `APP_CONFIG_switchyard_simulator_extraClusters`);
 *   configs: config files instead of the root app-config.yaml (`--config`, later ones win);
 *   entity: the catalog entity to wait for (default `resource/default/prod-app`).
 * @returns {Promise<{ appUrl: string, backendUrl: string, output: () => string, stop: () => Promise<void> }>}
 */
async function startPortal(options = {}) {
  const timeoutMs = options.timeoutMs ?? 240_000;
  const [appPort, backendPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const env = {
    ...process.env,
    APP_CONFIG_app_baseUrl: appUrl,
    APP_CONFIG_app_listen_port: String(appPort),
    APP_CONFIG_backend_baseUrl: backendUrl,
    APP_CONFIG_backend_listen_port: String(backendPort),
    APP_CONFIG_backend_cors_origin: appUrl,
    // No browser tab from the dev server, no hot reload or file watching surprises in tests.
    BROWSER: 'none',
    CI: 'true',
    // Jest sets NODE_ENV=test; the dev sign-in providers only work in development.
    NODE_ENV: 'development',
    ...options.env,
  };
  let output = '';
  const configArgs = (options.configs ?? []).flatMap((file) => ['--config', path.resolve(ROOT, file)]);
  const child = spawn(process.execPath, [CLI, 'repo', 'start', '--plugin', 'switchyard', ...configArgs], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk) => {
    const text = chunk.toString();
    output = (output + text).slice(-200_000);
    if (options.log) for (const line of text.split('\n')) if (line.trim()) options.log(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));

  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const killed = await Promise.race([exit, sleep(15_000).then(() => null)]);
    if (!killed) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await exit;
    }
  };

  const deadline = Date.now() + timeoutMs;
  const entity = options.entity ?? 'resource/default/prod-app';
  const steps = [
    ['backend ready', async () => (await fetch(`${backendUrl}/.backstage/health/v1/readiness`)).ok],
    [
      `catalog entity ${entity}`,
      async () => {
        const token = await devToken(backendUrl, 'alice');
        const response = await fetch(`${backendUrl}/api/catalog/entities/by-name/${entity}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return response.ok;
      },
    ],
    // The dev server answers only once the bundle is compiled.
    ['frontend compiled', async () => (await fetch(appUrl)).ok],
  ];
  try {
    for (const [what, ready] of steps) {
      let last = '';
      for (;;) {
        if (exited) throw new Error(`the portal exited (${JSON.stringify(exited)}) before ${what}`);
        if (Date.now() > deadline) throw new Error(`the portal was not up within ${timeoutMs / 1000} s: waiting for ${what}${last}`);
        const ok = await ready().catch((error) => {
          last = ` (last error: ${error.message})`;
          return false;
        });
        if (ok) break;
        await sleep(500);
      }
    }
  } catch (error) {
    await stop();
    error.message += `\n--- portal output (last 4000 chars) ---\n${output.slice(-4000)}`;
    throw error;
  }
  return { appUrl, backendUrl, output: () => output, stop };
}

module.exports = { startPortal, devToken, freePort, ROOT };
