/**
 * `http` blocks in the Backstage backend: requests reach only the hosts on
 * `switchyard.http.allowedHosts`. A run (or dry run) whose http block would go to any other host —
 * written in the runbook, or given in a param — is refused when it is created, with a 400 naming the
 * runbook's file and line, the host and the setting; no run is recorded, no lock taken, nothing
 * sent. Secret headers come from `switchyard.http.secrets` and are never in a run the API returns.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Run } from '@switchyard/backstage-plugin-switchyard-common';
import request from 'supertest';
import { eventually, getAs, startFullBackend, tokenOf, waitForEntity, type TestBackend } from './testing/test-backend';

const PROD_APP = 'resource:default/prod-app';
const TOKEN = 'tok-backstage-7c6b5a49';

let backend: TestBackend;
let server: Server;
let port: number;
let runbooks: string;
const received: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];

const runbook = (host: string) => `---
title: Drain writes on ${host}
params:
  cluster: { type: rds-cluster, required: true }
locks: ["rds-cluster:{{ cluster }}"]
---
## Maintenance mode on {#maintenance_on}

\`\`\`http
method: POST
url: "http://${host}/maintenance?cluster={{ cluster }}"
headers: { Authorization: { secret: maintenance_token, prefix: "Bearer " } }
body: { mode: drain }
expect: [ 'json.mode == "drain"' ]
\`\`\`
`;

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push({ method: req.method!, url: req.url!, headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ mode: 'drain', seen: req.headers.authorization }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  runbooks = mkdtempSync(path.join(tmpdir(), 'switchyard-http-runbooks-'));
  writeFileSync(path.join(runbooks, 'drain-allowed.md'), runbook(`127.0.0.1:${port}`));
  // The same server under another name: the allow-list compares hosts, so this one is refused.
  writeFileSync(path.join(runbooks, 'drain-refused.md'), runbook(`localhost:${port}`));
  // The host comes from a param: the start renders it and checks it like a written one.
  writeFileSync(
    path.join(runbooks, 'drain-param.md'),
    runbook('x')
      .replace('required: true }', 'required: true }\n  base: { type: string, required: true }')
      .replace('http://x/', '{{ base }}/'),
  );
  backend = await startFullBackend({
    runbookDirs: [runbooks],
    http: { allowedHosts: [`127.0.0.1:${port}`, 'maint.internal'], secrets: { maintenance_token: TOKEN } },
  });
  await waitForEntity(backend, PROD_APP);
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(runbooks, { recursive: true, force: true });
});

async function create(runbookId: string, params: Record<string, string> = {}, dryRun = false) {
  return request(backend.server)
    .post('/api/switchyard/runs')
    .set('Authorization', tokenOf('alice'))
    .send({ runbook: runbookId, entityRef: PROD_APP, params, ...(dryRun ? { dryRun } : {}) });
}

async function runToRest(runbookId: string, params: Record<string, string> = {}): Promise<Run> {
  const created = await create(runbookId, params);
  expect(created.status).toBe(201);
  return eventually(`${runbookId} to rest`, async () => {
    const run = await getAs<Run>(backend, 'alice', `/api/switchyard/runs/${(created.body as Run).id}`);
    return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
  });
}

const runsOfProdApp = async () => (await getAs<Run[]>(backend, 'alice', `/api/switchyard/runs?entityRef=${PROD_APP}`)).length;

it('refuses a run, and its dry run, whose host is not on switchyard.http.allowedHosts: 400 naming file, line, host and setting; nothing recorded, locked or sent', async () => {
  const before = await runsOfProdApp();
  for (const dryRun of [false, true]) {
    const refused = await create('drain-refused.md', {}, dryRun);
    expect(refused.status).toBe(400);
    expect((refused.body as { error: { message: string } }).error.message).toBe(
      'run not started:\n' +
        `  drain-refused.md:9: the http block (POST http://localhost:${port}/maintenance?cluster={{ cluster }}) would send to localhost:${port}, ` +
        `which is not on this host's allow-list for http blocks (switchyard.http.allowedHosts: 127.0.0.1:${port}, maint.internal); nothing was started or sent. ` +
        `Add "localhost:${port}" to switchyard.http.allowedHosts in the host's config, or start the run with a URL whose host is on the list`,
    );
  }
  expect(await runsOfProdApp()).toBe(before);
  expect(received).toEqual([]);
});

it.each([
  ['another host', 'http://localhost:PORT', 'would send to localhost:PORT, which is not on'],
  [
    'userinfo naming the allowed host',
    'http://127.0.0.1:PORT@localhost:PORT',
    'cannot be sent: {{ base }}: is the base URL, so it must be an absolute http:// or https:// URL without credentials',
  ],
  ['a fragment', 'http://localhost:PORT#@127.0.0.1:PORT', 'URL without a query or fragment'],
  ['a newline', 'http://127.0.0.1:PORT\n.localhost', 'URL without spaces, control characters or backslashes'],
  ['upper case and a trailing dot', 'http://LOCALHOST.:PORT', 'would send to localhost.:PORT, which is not on'],
])('refuses a param that changes the host (%s) when the run is created', async (_what, value, why) => {
  const refused = await create('drain-param.md', { base: value.replaceAll('PORT', String(port)) });
  expect(refused.status).toBe(400);
  const message = (refused.body as { error: { message: string } }).error.message;
  expect(message).toMatch(
    /^run not started:\n {2}drain-param\.md:10: the http block \(POST \{\{ base \}\}\/maintenance\?cluster=\{\{ cluster \}\}\) /,
  );
  expect(message).toContain(why.replaceAll('PORT', String(port)));
  expect(message).toMatch(/nothing was started or sent\./);
  expect(received).toEqual([]);
});

it('sends to an allowed host with the configured secret, which no run the API returns contains', async () => {
  const run = await runToRest('drain-allowed.md');
  expect(run.status).toBe('succeeded');
  expect(received).toEqual([expect.objectContaining({ method: 'POST', url: '/maintenance?cluster=prod-app' })]);
  expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(run.steps[0].output).toMatchObject({ status: 200, json: { mode: 'drain', seen: 'Bearer [secret]' } });
  expect(JSON.stringify(run)).not.toContain(TOKEN);
});

it('sends to an allowed host given in a param (and took no lock for the refused runs before it)', async () => {
  received.length = 0;
  const run = await runToRest('drain-param.md', { base: `http://127.0.0.1:${port}` });
  expect(run.status).toBe('succeeded');
  expect(received).toEqual([expect.objectContaining({ method: 'POST', url: '/maintenance?cluster=prod-app' })]);
});
