/** Reads a server-sent event stream until the server ends it; resolves to every event received. */
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SseEvent {
  event: string;
  data: string;
}

export function readEvents(server: Server, path: string, authorization: string, timeoutMs = 90_000): Promise<SseEvent[]> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, headers: { authorization, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`GET ${path}: ${res.statusCode}`));
        res.resume();
        return;
      }
      expectHeader(res.headers['content-type'], 'text/event-stream', reject);
      const events: SseEvent[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = block.split('\n').filter((l) => !l.startsWith(':'));
          const event = fields.find((l) => l.startsWith('event: '))?.slice(7);
          const data = fields
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (event) events.push({ event, data });
        }
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(events);
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`the event stream ${path} did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', reject);
  });
}

function expectHeader(value: string | undefined, prefix: string, reject: (e: Error) => void) {
  if (!value?.startsWith(prefix)) reject(new Error(`content-type ${value}, expected ${prefix}`));
}
