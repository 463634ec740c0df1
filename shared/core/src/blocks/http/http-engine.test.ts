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

it('a host that does not allow http blocks fails the step before anything is sent', async () => {
  const e = new Engine({ store: new FileRunStore(dir), aws: new FakeAws(), http: new NodeHttpGateway({ secrets }) });
  engines.push(e);
  const run = await e.start({ file: 'drain.md', source: RUNBOOK, params: { service: 'orders', base, key: KEY }, startedBy: 'alice' });
  const ended = await e.settled(run.id);
  expect(ended.status).toBe('failed');
  expect(ended.steps[0].error).toMatch(/^http blocks are not allowed here/);
  expect(endpoint.posts()).toBe(0);
});
