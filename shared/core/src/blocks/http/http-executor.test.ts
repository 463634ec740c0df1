import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeHttpGateway } from '../../engine/node-http';
import type { HttpConfirmRequest, HttpGateway } from '../../engine/ports';
import type { BlockExecutionContext } from '../common/block-executor';
import { parseRunbook } from '../../runbook/parse-runbook';
import type { HttpBlock } from './http-block';
import { HttpDeclinedError } from './http-errors';
import { executeHttpBlock } from './http-executor';

/** A real HTTP server on 127.0.0.1, answering by path; every request it received is kept. */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server;
let base: string;
let received: Received[];
let counters: Map<string, number>;
const TOKEN = 'tok-9f8e7d6c5b4a';

function answer(req: IncomingMessage, body: string, res: ServerResponse) {
  const seen = (counters.get(req.url!) ?? 0) + 1;
  counters.set(req.url!, seen);
  const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(value));
  };
  const path = req.url!.split('?')[0];
  switch (path) {
    case '/maintenance':
      return json(200, { state: req.method === 'POST' ? 'draining' : 'open', reason: body ? JSON.parse(body).reason : null });
    case '/echo':
      return json(200, { method: req.method, url: req.url, authorization: req.headers.authorization ?? null, body });
    case '/flaky':
      return seen <= 2 ? json(503, { error: 'warming up' }) : json(200, { ok: true, attempts: seen });
    case '/busy':
      return seen === 1 ? json(429, { error: 'slow down' }, { 'retry-after': '0' }) : json(200, { ok: true, attempts: seen });
    case '/teapot':
      res.writeHead(418, { 'content-type': 'text/plain' });
      return res.end(`short and stout; token was ${req.headers.authorization}`);
    case '/redirect':
      res.writeHead(302, { location: 'http://example.invalid/' });
      return res.end();
    case '/not-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"state": ');
    case '/slow':
      return; // never answers
    default:
      return json(404, { error: 'no such path' });
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
  counters = new Map();
});

const secrets = { get: (name: string) => (name === 'token' ? TOKEN : undefined), howToSet: () => 'set it' };

function context(body: string, options: { dryRun?: boolean; gateway?: HttpGateway; allowHttp?: boolean; timeScale?: number } = {}) {
  const head = '---\nparams:\n  cluster: string\n  base: string\nlocks: ["rds-cluster:{{ cluster }}"]\n---\n## A\n';
  const { runbook, diagnostics } = parseRunbook('rb.md', `${head}\`\`\`http\n${body}\n\`\`\`\n`);
  expect(diagnostics).toEqual([]);
  const block = runbook!.steps[0].blocks[0];
  const logs: string[] = [];
  const inFlight: unknown[] = [];
  const audits: unknown[] = [];
  const params = { cluster: 'prod-app', base };
  const ctx = {
    block: block as HttpBlock,
    scope: { ...params, params, steps: {}, run: { id: 'r1' } },
    run: { dryRun: options.dryRun ?? false, startedBy: 'alice' },
    http: options.gateway ?? new NodeHttpGateway({ secrets }),
    allowHttp: options.allowHttp ?? true,
    allowShell: false,
    timeScale: options.timeScale ?? 10,
    signal: new AbortController().signal,
    evaluating: <T>(work: () => T) => Promise.resolve().then(work),
    log: async (_level: string, text: string) => void logs.push(text),
    audit: async (entry: unknown) => void audits.push(entry),
    recordInFlight: async (call: unknown) => void inFlight.push(call),
  } as unknown as BlockExecutionContext<HttpBlock>;
  return { ctx, logs, inFlight, audits };
}

const run = (body: string, options?: Parameters<typeof context>[1]) => {
  const c = context(body, options);
  return executeHttpBlock(c.ctx).then((outcome) => ({ outcome, ...c }));
};

describe('http blocks against a real HTTP server', () => {
  it('sends a POST with a JSON body, checks the status and a CEL expect over the JSON answer, outputs what it names', async () => {
    const { outcome, inFlight, audits } = await run(
      `method: POST\nurl: "{{ base }}/maintenance"\nbody: { mode: drain, reason: "switchover of {{ cluster }}" }\nstatus: 200\nexpect:\n  - json.state == "draining"\n  - status == 200 && headers["content-type"] == "application/json"\n  - 'json.reason == "switchover of " + cluster'\noutput:\n  state: json.state`,
    );
    expect(outcome).toEqual({ type: 'done', output: { state: 'draining' } });
    expect(received).toEqual([
      expect.objectContaining({ method: 'POST', url: '/maintenance', body: '{"mode":"drain","reason":"switchover of prod-app"}' }),
    ]);
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(inFlight).toEqual([
      { service: 'http', operation: `POST ${base}/maintenance`, input: expect.objectContaining({ method: 'POST' }) },
    ]);
    expect(audits).toEqual([{ actor: 'alice', action: 'sent POST', detail: `${base}/maintenance → 200` }]);
  });

  it('a GET is a read: not recorded in flight, output is status and JSON by default', async () => {
    const { outcome, inFlight } = await run('url: "{{ base }}/maintenance"');
    expect(outcome).toEqual({ type: 'done', output: { status: 200, json: { state: 'open', reason: null } } });
    expect(inFlight).toEqual([]);
  });

  it('fails on an unexpected status, quoting the answer', async () => {
    const { outcome } = await run('url: "{{ base }}/teapot"');
    expect(outcome).toEqual({
      type: 'failed',
      error: `GET ${base}/teapot answered 418, expected a 2xx status: short and stout; token was undefined`,
    });
    expect((await run('url: "{{ base }}/teapot"\nstatus: [200, 418]')).outcome.type).toBe('done');
  });

  it('fails when an expectation does not hold, naming it', async () => {
    const { outcome } = await run(
      'url: "{{ base }}/maintenance"\nexpect:\n  - that: json.state == "draining"\n    message: "services are {{ json.state }}, not draining"',
    );
    expect(outcome).toEqual({ type: 'failed', error: 'guard failed: services are open, not draining (json.state == "draining")' });
  });

  it('fails when the JSON answer does not parse, and does not follow redirects (a 3xx is the answer)', async () => {
    expect((await run('url: "{{ base }}/not-json"')).outcome).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(/not the JSON its Content-Type says/),
    });
    const redirected = await run('url: "{{ base }}/redirect"\nstatus: 302');
    expect(redirected.outcome).toEqual({ type: 'done', output: { status: 302, json: null } });
  });

  it('times out, and the timeout is scaled like every duration', async () => {
    const { outcome } = await run('url: "{{ base }}/slow"\ntimeout: 2s', { timeScale: 20 });
    expect(outcome).toEqual({ type: 'failed', error: `GET ${base}/slow: timed out (no complete answer within 100 ms)` });
  });

  it('retries a GET on 503 until it answers, within `retries`', async () => {
    const { outcome, logs } = await run('url: "{{ base }}/flaky"\nretries: 2');
    expect(outcome).toEqual({ type: 'done', output: { status: 200, json: { ok: true, attempts: 3 } } });
    expect(logs.filter((l) => l.includes('trying again'))).toHaveLength(2);
    counters = new Map();
    expect((await run('url: "{{ base }}/flaky"\nretries: 1')).outcome).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(/answered 503/),
    });
  });

  it('does not repeat a POST whose answer was a 503 or was lost; repeats it after a 429', async () => {
    const flaky = await run('method: POST\nurl: "{{ base }}/flaky"\nretries: 3');
    expect(flaky.outcome).toMatchObject({ type: 'failed', error: expect.stringMatching(/answered 503/) });
    expect(received).toHaveLength(1);
    received = [];
    const slow = await run('method: POST\nurl: "{{ base }}/slow"\ntimeout: 2s\nretries: 3', { timeScale: 20 });
    expect(slow.outcome).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(
        /timed out .*the server may have acted on it .*not retried: a POST whose answer was lost may have taken effect/,
      ),
    });
    expect(received).toHaveLength(1);
    received = [];
    const busy = await run('method: POST\nurl: "{{ base }}/busy"\nretries: 1');
    expect(busy.outcome).toMatchObject({ type: 'done', output: { status: 200, json: { ok: true, attempts: 2 } } });
    expect(received).toHaveLength(2);
  });

  it('repeats any method when no connection was made (nothing was sent)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { outcome, logs } = await run(`method: POST\nurl: "http://127.0.0.1:${port}/x"\nretries: 2`);
    expect(outcome).toMatchObject({
      type: 'failed',
      notApplied: true,
      error: expect.stringMatching(/ECONNREFUSED.*\(after 3 attempts\)$/),
    });
    expect(logs.filter((l) => l.includes('trying again'))).toHaveLength(2);
  });

  it('sends a secret header and scrubs the secret from outputs, errors and logs', async () => {
    const auth = 'headers: { Authorization: { secret: token, prefix: "Bearer " } }';
    const echoed = await run(`method: POST\nurl: "{{ base }}/echo"\n${auth}\nbody: { a: 1 }`);
    expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(echoed.outcome).toMatchObject({ type: 'done', output: { json: { authorization: 'Bearer [secret]' } } });
    expect(JSON.stringify([echoed.inFlight, echoed.logs, echoed.audits])).not.toContain(TOKEN);
    expect(JSON.stringify(echoed.inFlight)).toContain('Bearer [secret]');
    const failed = await run(`url: "{{ base }}/teapot"\n${auth}`);
    expect(failed.outcome).toMatchObject({ type: 'failed', error: expect.stringContaining('token was Bearer [secret]') });
  });

  it('previews a mutating request in a dry run without sending it; a GET is sent', async () => {
    const { outcome, logs } = await run(
      'method: POST\nurl: "{{ base }}/maintenance?who={{ cluster }}"\nheaders: { Authorization: { secret: token } }\nbody: { mode: drain }',
      { dryRun: true },
    );
    expect(received).toEqual([]);
    expect(outcome).toMatchObject({ type: 'done', output: { dryRun: true, method: 'POST', url: `${base}/maintenance?who=prod-app` } });
    expect(logs).toEqual([
      `dry-run: would send POST ${base}/maintenance?who=prod-app {"headers":{"Authorization":"[secret]","Content-Type":"application/json"},"body":"{\\"mode\\":\\"drain\\"}"}`,
    ]);
    await run('url: "{{ base }}/maintenance"', { dryRun: true });
    expect(received).toHaveLength(1);
  });

  it('refuses to run where the host does not allow http blocks, and outside the allow-list, sending nothing', async () => {
    expect((await run('url: "{{ base }}/maintenance"', { allowHttp: false })).outcome).toEqual({
      type: 'failed',
      error: expect.stringMatching(
        /^http blocks are not allowed here; nothing was sent\. Run with --trust-http in the CLI, or trust the workspace in VS Code/,
      ),
    });
    const gateway = new NodeHttpGateway({
      secrets,
      allowList: { entries: ['maint.internal', 'localhost:1'], setting: 'switchyard.http.allowedHosts' },
    });
    const refused = await run('method: POST\nurl: "{{ base }}/maintenance"', { gateway });
    const host = new URL(base).host;
    expect(refused.outcome).toEqual({
      type: 'failed',
      notApplied: true,
      error: `${host} is not on this host's allow-list for http blocks (switchyard.http.allowedHosts: maint.internal, localhost:1); nothing was sent. Ask whoever runs Switchyard here to add "${host}" to switchyard.http.allowedHosts, or skip this step with a reason`,
    });
    const preview = await run('method: POST\nurl: "{{ base }}/maintenance"', { gateway, dryRun: true });
    expect(preview.logs[0]).toMatch(/and this host would refuse it: 127\.0\.0\.1:\d+ is not on this host's allow-list/);
    const allowed = new NodeHttpGateway({ secrets, allowList: { entries: [host], setting: 'x' } });
    expect((await run('url: "{{ base }}/maintenance"', { gateway: allowed })).outcome.type).toBe('done');
    expect(received).toHaveLength(1);
  });
});

describe('a host that asks before a mutating request (VS Code)', () => {
  /** The real gateway, with a scripted operator in front of it. */
  function asking(answers: boolean[]) {
    const inner = new NodeHttpGateway({ secrets });
    const asked: HttpConfirmRequest[] = [];
    const gateway: HttpGateway = {
      secrets: inner.secrets,
      send: (r) => inner.send(r),
      refusal: (url) => inner.refusal(url),
      confirm: async (request, options) => {
        asked.push(request);
        await options.audit?.({ actor: 'bob', action: answers[0] ? `confirmed ${request.method}` : `declined ${request.method}` });
        if (!answers.shift()) throw new HttpDeclinedError(request.method, request.url, 'the operator declined the confirmation in VS Code');
      },
    };
    return { gateway, asked };
  }

  it('asks once, before anything is recorded or sent, showing secrets as [secret]; however many retries follow', async () => {
    const { gateway, asked } = asking([true]);
    const c = context(
      'method: PUT\nurl: "{{ base }}/flaky"\nheaders: { Authorization: { secret: token, prefix: "Bearer " }, X-Cluster: "{{ cluster }}" }\nbody: { mode: drain }\nretries: 3',
      { gateway },
    );
    c.ctx.redact = (text) => text.replaceAll('prod-app', '[secret]'); // as if cluster were a secret param
    const outcome = await executeHttpBlock(c.ctx);
    expect(outcome).toMatchObject({ type: 'done' });
    expect(asked).toEqual([
      {
        method: 'PUT',
        url: `${base}/flaky`,
        headers: { Authorization: 'Bearer [secret]', 'X-Cluster': '[secret]', 'Content-Type': 'application/json' },
        body: '{"mode":"drain"}',
      },
    ]);
    expect(received).toHaveLength(3); // two 503s, then 200: asked once
    expect(c.audits[0]).toEqual({ actor: 'bob', action: 'confirmed PUT' });
  });

  it('a declined request is not sent and not recorded in flight: the step fails as not applied', async () => {
    const { gateway } = asking([false]);
    const { outcome, inFlight, audits } = await run('method: POST\nurl: "{{ base }}/maintenance"\nbody: { mode: drain }', { gateway });
    expect(outcome).toEqual({
      type: 'failed',
      error: `POST ${base}/maintenance was not sent: the operator declined the confirmation in VS Code; retry the step to be asked again, or skip or abort it`,
      notApplied: true,
    });
    expect(received).toEqual([]);
    expect(inFlight).toEqual([]);
    expect(audits).toEqual([{ actor: 'bob', action: 'declined POST' }]);
  });

  it('never asks about a GET, a dry run, or a host the allow-list refuses', async () => {
    const { gateway, asked } = asking([]);
    expect((await run('url: "{{ base }}/maintenance"', { gateway })).outcome).toMatchObject({ type: 'done' });
    expect((await run('method: DELETE\nurl: "{{ base }}/maintenance"', { gateway, dryRun: true })).outcome).toMatchObject({ type: 'done' });
    const listed = new NodeHttpGateway({ secrets, allowList: { entries: ['maint.internal'], setting: 'switchyard.http.allowedHosts' } });
    const refusing: HttpGateway = { ...gateway, refusal: (url) => listed.refusal(url) };
    const refused = await run('method: POST\nurl: "{{ base }}/maintenance"', { gateway: refusing });
    expect(refused.outcome).toMatchObject({
      type: 'failed',
      notApplied: true,
      error: expect.stringMatching(/is not on this host's allow-list/),
    });
    expect(asked).toEqual([]);
    expect(received.map((r) => r.method)).toEqual(['GET']);
  });
});
