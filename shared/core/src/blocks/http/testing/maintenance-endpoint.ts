import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The secret the "Drain writes" runbook sends as `Authorization: Bearer …`, read from this variable. */
export const MAINTENANCE_TOKEN_ENV = 'SWITCHYARD_SECRET_MAINTENANCE_TOKEN';

/**
 * A runbook of one `http` step, "Drain writes": POST `{ mode: drain }` to `<base>/maintenance`
 * with the `maintenance_token` secret as a bearer token — what a maintenance mode looks like.
 */
export const DRAIN_WRITES_RUNBOOK = `---
title: Drain writes
params:
  base: { type: string, required: true }
locks: ["host:orders"]
---
## Drain writes {#drain}

\`\`\`http
method: POST
url: "{{ base }}/maintenance"
headers: { Authorization: { secret: maintenance_token, prefix: "Bearer " } }
body: { mode: drain }
\`\`\`
`;

export interface MaintenanceRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/**
 * A service's maintenance endpoint for tests: a real HTTP server on 127.0.0.1 that keeps every
 * request and answers 200 `{ state: "draining", echo: <authorization>, body }` — or, while
 * holding, leaves requests unanswered (a process can then be stopped with its request out).
 */
export interface MaintenanceEndpoint {
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** Every request received, in order. */
  readonly requests: readonly MaintenanceRequest[];
  /** How many POSTs were received. */
  posts(): number;
  /** Leaves the requests from now on unanswered (`true`), or answers them and drops those held so far (`false`). */
  hold(on: boolean): void;
  /** Resolves with the next request to arrive. */
  nextRequest(): Promise<MaintenanceRequest>;
  /** Forgets the requests received so far. */
  clear(): void;
  /** Drops held requests and closes the server. */
  stop(): Promise<void>;
}

export async function startMaintenanceEndpoint(options: { hold?: boolean } = {}): Promise<MaintenanceEndpoint> {
  let holding = options.hold ?? false;
  const requests: MaintenanceRequest[] = [];
  const held: ServerResponse[] = [];
  const waiting: Array<(request: MaintenanceRequest) => void> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      requests.push(request);
      if (holding) held.push(res);
      else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ state: 'draining', echo: request.authorization, body }));
      }
      waiting.splice(0).forEach((resolve) => resolve(request));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    posts: () => requests.filter((r) => r.method === 'POST').length,
    hold: (on) => {
      holding = on;
      if (!on) held.splice(0).forEach((res) => res.destroy());
    },
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    clear: () => requests.splice(0),
    stop: async () => {
      held.splice(0).forEach((res) => res.destroy());
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
