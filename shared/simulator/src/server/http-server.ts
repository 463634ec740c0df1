import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireResponse } from '../protocol/wire-response';
import type { SimulatorControl } from '../simulator-control';
import type { AwsDispatcher } from './aws-dispatcher';
import { CONTROL_PREFIX, handleControl } from './control-api';

/** The simulator's one HTTP server on loopback: the control API under /_switchyard, AWS APIs elsewhere. */
export async function listen(
  port: number,
  dispatcher: AwsDispatcher,
  control: SimulatorControl,
): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let response: WireResponse;
      if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        response = handleControl(control, req.method ?? 'GET', url.pathname, body.toString('utf8'));
      } else {
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
        response = dispatcher.handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body });
      }
      const payload = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : Buffer.from(response.body);
      res.writeHead(response.status, { ...response.headers, 'content-length': String(payload.byteLength), date: new Date().toUTCString() });
      res.end(payload);
    });
  });
  // Keep-alive sockets from SDK clients must not hold stop() open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function close(server: http.Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
