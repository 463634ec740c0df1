/**
 * `http` blocks in the Backstage backend: requests reach only the hosts on
 * `switchyard.http.allowedHosts`; any other host is refused with a message naming the setting and
 * nothing is sent. Secret headers come from `switchyard.http.secrets` and are never in a run the API returns.
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

async function runToRest(runbookId: string): Promise<Run> {
  const created = await request(backend.server)
    .post('/api/switchyard/runs')
    .set('Authorization', tokenOf('alice'))
    .send({ runbook: runbookId, entityRef: PROD_APP, params: {} });
  expect(created.status).toBe(201);
  return eventually(`${runbookId} to rest`, async () => {
    const run = await getAs<Run>(backend, 'alice', `/api/switchyard/runs/${(created.body as Run).id}`);
    return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
  });
}

it('refuses a host that is not on switchyard.http.allowedHosts, saying so, and sends nothing', async () => {
  const run = await runToRest('drain-refused.md');
  expect(run.status).toBe('failed');
  expect(run.steps[0].error).toBe(
    `localhost:${port} is not on this host's allow-list for http blocks (switchyard.http.allowedHosts: 127.0.0.1:${port}, maint.internal); nothing was sent. ` +
      `Ask whoever runs Switchyard here to add "localhost:${port}" to switchyard.http.allowedHosts, or skip this step with a reason`,
  );
  expect(received).toEqual([]);
  // A failed run keeps its lock until someone ends it.
  const aborted = await request(backend.server)
    .post(`/api/switchyard/runs/${run.id}/actions`)
    .set('Authorization', tokenOf('alice'))
    .send({ action: 'abort', reason: 'host not allowed' });
  expect(aborted.status).toBe(200);
});

it('sends to an allowed host with the configured secret, which no run the API returns contains', async () => {
  const run = await runToRest('drain-allowed.md');
  expect(run.status).toBe('succeeded');
  expect(received).toEqual([expect.objectContaining({ method: 'POST', url: '/maintenance?cluster=prod-app' })]);
  expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(run.steps[0].output).toMatchObject({ status: 200, json: { mode: 'drain', seen: 'Bearer [secret]' } });
  expect(JSON.stringify(run)).not.toContain(TOKEN);
});
