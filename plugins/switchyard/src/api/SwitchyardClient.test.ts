import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Run } from '@switchyard/core';
import { SwitchyardRequestError } from './errors';
import { SwitchyardClient } from './SwitchyardClient';

/** A real HTTP server standing in for /api/switchyard: the client's wire behaviour is what is tested. */
let server: Server;
let baseUrl: string;
let handler: (req: IncomingMessage, res: ServerResponse) => void;
const seen: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/switchyard`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (seen.length = 0));

function client() {
  return new SwitchyardClient({
    discoveryApi: { getBaseUrl: async (id: string) => baseUrl.replace('switchyard', id) },
    // What Backstage's fetchApi does: add the user's token.
    fetchApi: {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as object), Authorization: 'Bearer token-of-alice' } }),
    },
    followOptions: { baseDelayMs: 20, maxDelayMs: 50 },
  });
}

const run = (version: number, status: Run['status']) => ({ id: 'run-1', version, status }) as Run;
const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe('SwitchyardClient', () => {
  it('sends JSON with the Backstage token and encodes the entity ref', async () => {
    handler = (_req, res) => res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(run(1, 'pending')));
    const created = await client().createRun({
      runbook: 'failover.md',
      entityRef: 'resource:default/prod-app',
      params: { cluster: 'prod-app' },
    });
    expect(created.status).toBe('pending');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/switchyard/runs', auth: 'Bearer token-of-alice' });
    expect(JSON.parse(seen[0].body)).toEqual({
      runbook: 'failover.md',
      entityRef: 'resource:default/prod-app',
      params: { cluster: 'prod-app' },
    });

    handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    await client().listRuns('resource:default/prod-app');
    expect(seen[1].url).toBe('/api/switchyard/runs?entityRef=resource%3Adefault%2Fprod-app');
  });

  it("turns a Backstage error body into an error that says what was refused and the server's reason", async () => {
    handler = (_req, res) =>
      res.writeHead(403, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'carol may not create runs on resource:default/prod-app' },
          response: { statusCode: 403 },
        }),
      );
    const error = await client()
      .runAction('run-1', { action: 'approve' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchyardRequestError);
    expect((error as SwitchyardRequestError).forbidden).toBe(true);
    expect((error as Error).message).toBe(
      'Not allowed (403) — approve on run run-1: carol may not create runs on resource:default/prod-app',
    );
  });

  it('follows a run over SSE, reconnects after a drop, and stops once the run is terminal', async () => {
    let connection = 0;
    handler = (_req, res) => {
      connection += 1;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (connection === 1) {
        // First connection: a snapshot, half of the next frame, then the connection drops.
        res.write(frame('run', run(3, 'running')));
        res.write(frame('log', { type: 'log', runId: 'run-1', stepId: 'before', line: { at: 'now', level: 'info', text: 'checked' } }));
        res.write('event: run\ndata: {"id":"run-1","ver', () => setTimeout(() => res.destroy(), 50));
      } else {
        res.write(frame('run', run(5, 'waiting-approval')));
        res.end(frame('run', run(6, 'succeeded')));
      }
    };
    const versions: number[] = [];
    const logs: string[] = [];
    const reconnects: string[] = [];
    const done = new Promise<void>((resolve) => {
      client().watchRun('run-1', {
        onRun: (r) => {
          versions.push(r.version);
          if (r.status === 'succeeded') resolve();
        },
        onLog: (e) => logs.push(e.type === 'log' ? e.line.text : e.type),
        onReconnecting: (_attempt, cause) => reconnects.push(cause.message),
      });
    });
    await done;
    // Let the watcher see the end of the stream: it must not open a third connection.
    await new Promise((r) => setTimeout(r, 200));
    expect(versions).toEqual([3, 5, 6]);
    expect(logs).toEqual(['checked']);
    expect(reconnects).toHaveLength(1);
    expect(connection).toBe(2);
    expect(seen.every((s) => s.url === '/api/switchyard/runs/run-1/events' && s.auth === 'Bearer token-of-alice')).toBe(true);
  });

  it('stops for good and reports a 404 instead of reconnecting', async () => {
    handler = (_req, res) =>
      res
        .writeHead(404, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error: { name: 'NotFoundError', message: 'no run run-9' } }));
    const error = await new Promise<Error>((resolve) => client().watchRun('run-9', { onRun: () => undefined, onError: resolve }));
    expect(error.message).toBe('Not found (404) — following run run-9: no run run-9');
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toHaveLength(1);
  });
});
