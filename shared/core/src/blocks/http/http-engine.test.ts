/**
 * http blocks in the engine: a mutating request is recorded in flight before it is sent, so a
 * process that stops while it is out is never followed by a second send — the resume hands the
 * step to the operator. And a secret header's value is nowhere in what the store keeps (the run
 * record every export — `runs --json`, the Markdown export, the backend's API — is made from).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../engine/engine';
import { FileRunStore } from '../../engine/file-run-store';
import { NodeHttpGateway } from '../../engine/node-http';
import { FakeAws } from '../../engine/testing/fake-aws';
import { HttpStartRefusedError } from './http-start-check';
import { startMaintenanceEndpoint, type MaintenanceEndpoint } from './testing/maintenance-endpoint';

const TOKEN = 'tok-5e4d3c2b1a09';
const KEY = 'key-0f1e2d3c';
const secrets = { get: (name: string) => (name === 'token' ? TOKEN : undefined), howToSet: () => 'set it' };

let endpoint: MaintenanceEndpoint;
let base: string;
let dir: string;
let engines: Engine[];

beforeAll(async () => {
  endpoint = await startMaintenanceEndpoint();
  base = endpoint.base;
});
afterAll(() => endpoint.stop());
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-http-'));
  engines = [];
  endpoint.clear();
  endpoint.hold(false);
});
afterEach(async () => {
  await Promise.all(engines.map((e) => e.shutdown()));
  rmSync(dir, { recursive: true, force: true });
});

const RUNBOOK = `---
title: Drain
params:
  service: { type: string, required: true }
  base: { type: string, required: true }
  key: { type: string, required: true, secret: true }
locks: ["host:{{ service }}"]
---
## Drain writes {#drain}

\`\`\`http
method: POST
url: "{{ base }}/maintenance/{{ service }}?key={{ key }}"
headers: { Authorization: { secret: token, prefix: "Bearer " } }
body: { mode: drain }
expect: [ 'json.state == "draining"' ]
\`\`\`
`;

function engine(): Engine {
  const e = new Engine({
    store: new FileRunStore(dir),
    aws: new FakeAws(),
    http: new NodeHttpGateway({ secrets }),
    allowHttp: true,
    leaseMs: 2000,
  });
  engines.push(e);
  return e;
}

const stored = () =>
  readdirSync(path.join(dir, 'runs'))
    .map((f) => readFileSync(path.join(dir, 'runs', f), 'utf8'))
    .join('\n');

it('a POST in flight when the process stops is handed to the operator on resume, never sent again', async () => {
  endpoint.hold(true);
  const reached = endpoint.nextRequest();
  const first = engine();
  const run = await first.start({ file: 'drain.md', source: RUNBOOK, params: { service: 'orders', base, key: KEY }, startedBy: 'alice' });
  await reached;
  // A secret param templated into the URL is sent, and scrubbed from the call recorded in flight.
  expect(stored()).not.toContain(KEY);
  const during = JSON.parse(stored()) as { steps: Array<{ inFlight?: { service: string; operation: string; input: unknown } }> };
  expect(during.steps[0].inFlight).toMatchObject({ service: 'http', operation: `POST ${base}/maintenance/orders?key=[secret]` });
  await first.shutdown(); // the process stops with the request out and unanswered

  const second = engine();
  await second.resume(run.id, { secrets: { key: KEY } });
  const rested = await second.settled(run.id);
  expect(endpoint.posts()).toBe(1);
  expect(rested.status).toBe('failed');
  expect(rested.steps[0].error).toBe(
    `POST ${base}/maintenance/orders?key=[secret] may or may not have taken effect (Switchyard cannot tell from live state whether the http block took effect); check what the http block does, then retry or skip this step with a reason`,
  );
  expect(rested.steps[0].inFlight).toBeUndefined();
  expect(rested.steps[0].log.map((l) => l.text)).toContainEqual(expect.stringMatching(/^crash recovery: the http block may have run/));
});

it('a secret header reaches the server and is nowhere in the stored run; a dry run previews it as [secret]', async () => {
  const e = engine();
  const run = await e.start({ file: 'drain.md', source: RUNBOOK, params: { service: 'orders', base, key: KEY }, startedBy: 'alice' });
  const ended = await e.settled(run.id);
  expect(ended.status).toBe('succeeded');
  expect(endpoint.posts()).toBe(1);
  expect(ended.steps[0].output).toMatchObject({ status: 200, json: { state: 'draining', echo: 'Bearer [secret]' } });
  expect(ended.audit).toContainEqual(
    expect.objectContaining({ action: 'sent POST', detail: `${base}/maintenance/orders?key=[secret] → 200` }),
  );
  expect(stored()).not.toContain(TOKEN);

  const dry = await e.start({
    file: 'drain.md',
    source: RUNBOOK,
    params: { service: 'orders', base, key: KEY },
    startedBy: 'alice',
    dryRun: true,
  });
  const previewed = await e.settled(dry.id);
  expect(endpoint.posts()).toBe(1);
  expect(previewed.steps[0].log.map((l) => l.text).join('\n')).toContain('"Authorization":"Bearer [secret]"');
  expect(stored()).not.toContain(TOKEN);
});

it('a host that does not allow http blocks refuses the run at its start: nothing recorded, locked or sent', async () => {
  const aws = new FakeAws();
  const e = new Engine({ store: new FileRunStore(dir), aws, http: new NodeHttpGateway({ secrets }) });
  engines.push(e);
  const start = e.start({ file: 'drain.md', source: RUNBOOK, params: { service: 'orders', base, key: KEY }, startedBy: 'alice' });
  await expect(start).rejects.toThrow(HttpStartRefusedError);
  await expect(start).rejects.toThrow(
    `drain.md:11: the http block (POST {{ base }}/maintenance/{{ service }}?key={{ key }}) would send, and http blocks are not allowed here; nothing was started or sent. Run with --trust-http in the CLI, or trust the workspace in VS Code (as for sh blocks); the Backstage backend sends them only to the hosts on switchyard.http.allowedHosts`,
  );
  expect(await e.list()).toEqual([]);
  expect(aws.calls).toEqual([]);
  expect(endpoint.posts()).toBe(0);
});

it('a host off the allow-list refuses the run and its dry run at the start, naming the line, the host and the setting', async () => {
  const aws = new FakeAws();
  const allowList = { entries: ['maint.internal'], setting: 'switchyard.http.allowedHosts' };
  const e = new Engine({ store: new FileRunStore(dir), aws, http: new NodeHttpGateway({ secrets, allowList }), allowHttp: true });
  engines.push(e);
  const host = new URL(base).host;
  for (const dryRun of [false, true]) {
    const start = e.start({ file: 'drain.md', source: RUNBOOK, params: { service: 'orders', base, key: KEY }, startedBy: 'alice', dryRun });
    await expect(start).rejects.toMatchObject({
      refusals: [{ file: 'drain.md', line: 11, method: 'POST', reason: 'host-not-allowed', host, setting: 'switchyard.http.allowedHosts' }],
    });
    await expect(start).rejects.toThrow(
      `drain.md:11: the http block (POST {{ base }}/maintenance/{{ service }}?key={{ key }}) would send to ${host}, which is not on this host's allow-list for http blocks (switchyard.http.allowedHosts: maint.internal); nothing was started or sent. Add "${host}" to switchyard.http.allowedHosts in the host's config, or start the run with a URL whose host is on the list`,
    );
  }
  expect(await e.list()).toEqual([]);
  expect(aws.calls).toEqual([]);
  expect(endpoint.posts()).toBe(0);
});

it('a host given in a secret param is refused at the start as [secret]', async () => {
  const source = RUNBOOK.replace('base: { type: string, required: true }', 'base: { type: string, required: true, secret: true }');
  const allowList = { entries: ['maint.internal'], setting: 'switchyard.http.allowedHosts' };
  const e = new Engine({
    store: new FileRunStore(dir),
    aws: new FakeAws(),
    http: new NodeHttpGateway({ secrets, allowList }),
    allowHttp: true,
  });
  engines.push(e);
  const secretBase = 'https://hidden-4f2a.example';
  const start = e.start({ file: 'drain.md', source, params: { service: 'orders', base: secretBase, key: KEY }, startedBy: 'alice' });
  await expect(start).rejects.toThrow(HttpStartRefusedError);
  const error = (await start.catch((e: unknown) => e)) as HttpStartRefusedError;
  expect(error.message).not.toContain('hidden-4f2a');
  expect(error.refusals[0].host).toBe('[secret]');
});
