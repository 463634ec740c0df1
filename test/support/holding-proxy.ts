import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of the simulator that can hold one AWS action's request or response,
 * so a test can kill the CLI exactly while a mutating call is in flight.
 */
export class HoldingProxy {
  readonly actions: string[] = [];
  private server?: http.Server;
  private hold?: { action: string; phase: 'request' | 'response'; reached: () => void };
  private readonly hooks = new Map<string, () => Promise<void>>();

  constructor(private readonly upstream: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Resolves when the action arrives; its request (never forwarded) or response (never returned) is held. */
  holdNext(action: string, phase: 'request' | 'response'): Promise<void> {
    return new Promise((reached) => (this.hold = { action, phase, reached }));
  }

  /** Runs `work` once, when `action` next arrives, and forwards the request only once it is done (what AWS does to the databases, say). */
  beforeForwarding(action: string, work: () => Promise<void>): void {
    this.hooks.set(action, work);
  }

  count(action: string): number {
    return this.actions.filter((a) => a === action).length;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const action = new URLSearchParams(body.toString()).get('Action') ?? String(req.headers['x-amz-target'] ?? '');
    const hold = this.hold && action === this.hold.action ? this.hold : undefined;
    if (hold) this.hold = undefined;
    if (hold?.phase === 'request') {
      hold.reached();
      return; // never forwarded: the caller dies waiting
    }
    const hook = this.hooks.get(action);
    if (hook) {
      this.hooks.delete(action);
      try {
        await hook();
      } catch (error) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`the test's work before ${action} failed: ${String(error)}`);
        return;
      }
    }
    this.actions.push(action);
    // node:http, not fetch: fetch replaces the Host header, which SigV4 signs and the simulator verifies.
    const upstream = await forward(this.upstream + (req.url ?? '/'), req, body);
    const text = upstream.body;
    if (hold?.phase === 'response') {
      hold.reached();
      return; // applied upstream, but the answer never reaches the caller
    }
    const headers = Object.fromEntries(
      Object.entries(upstream.headers).filter(
        ([k]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k),
      ),
    );
    res.writeHead(upstream.status, { ...headers, 'content-length': String(text.length) });
    res.end(text);
  }
}

/** Forwards a request as received (Host header included) and reads the whole answer. */
function forward(
  url: string,
  req: http.IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'content-length'));
    const out = http.request(url, { method: req.method, headers: { ...headers, 'content-length': String(body.length) } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () =>
        resolve({
          status: answer.statusCode ?? 502,
          headers: Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)])),
          body: Buffer.concat(chunks),
        }),
      );
      answer.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.method === 'GET' ? undefined : body);
  });
}
