import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a PostgreSQL server (no TLS) that reads the wire protocol's message
 * frames, so a test can stop a client at an exact point: once a connection has sent a statement
 * matching a pattern, the server's answers on it are held from a given CommandComplete on (e.g.
 * `COMMIT`: the server has committed, the client never hears it). The held client is then killed.
 */
export class PgHoldingProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly holds: Hold[] = [];

  constructor(private readonly targetPort: number) {}

  async start(): Promise<number> {
    this.server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  /**
   * Resolves when a connection that sent a statement matching `statement` receives, after it, a
   * CommandComplete whose tag starts with `tag`: that answer and everything after it are never
   * delivered. One hold catches one connection once.
   */
  holdAnswer(statement: RegExp, tag: string): Promise<void> {
    return new Promise((resolve) => this.holds.push({ statement, tag, resolve }));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.sockets.delete(a);
        b.destroy();
      });
    }
    let armed: Hold | undefined;
    let held = false;
    const fromClient = new Framer(true);
    client.on('data', (chunk: Buffer) => {
      for (const message of fromClient.push(chunk)) {
        const text = statementOf(message);
        const hold = text === undefined ? undefined : this.holds.find((h) => h.statement.test(text));
        if (hold && !armed) {
          armed = hold;
          this.holds.splice(this.holds.indexOf(hold), 1);
        }
      }
      upstream.write(chunk);
    });
    const fromServer = new Framer(false);
    upstream.on('data', (chunk: Buffer) => {
      if (held) return;
      for (const message of fromServer.push(chunk)) {
        if (armed && message.type === 'C' && cstring(message.body, 0).startsWith(armed.tag)) {
          held = true;
          armed.resolve();
          return;
        }
        client.write(message.raw);
      }
    });
  }
}

interface Hold {
  statement: RegExp;
  tag: string;
  resolve: () => void;
}

interface Message {
  type: string;
  body: Buffer;
  raw: Buffer;
}

/** Splits a byte stream into protocol messages: type byte and int32 length; a client's first (startup) message has no type byte. */
class Framer {
  private buffer = Buffer.alloc(0);

  constructor(private untypedFirst: boolean) {}

  push(chunk: Buffer): Message[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const messages: Message[] = [];
    for (;;) {
      const typed = !this.untypedFirst;
      const header = typed ? 5 : 4;
      if (this.buffer.length < header) return messages;
      const length = this.buffer.readInt32BE(typed ? 1 : 0);
      const total = (typed ? 1 : 0) + length;
      if (this.buffer.length < total) return messages;
      const raw = this.buffer.subarray(0, total);
      messages.push({ type: typed ? String.fromCharCode(raw[0]) : '', body: raw.subarray(header), raw });
      this.buffer = this.buffer.subarray(total);
      this.untypedFirst = false;
    }
  }
}

/** The SQL text a client message carries: a simple Query ('Q') or an extended-protocol Parse ('P'). */
function statementOf(message: Message): string | undefined {
  if (message.type === 'Q') return cstring(message.body, 0);
  if (message.type === 'P') {
    const name = cstring(message.body, 0);
    return cstring(message.body, Buffer.byteLength(name) + 1);
  }
  return undefined;
}

function cstring(body: Buffer, offset: number): string {
  const end = body.indexOf(0, offset);
  return body.subarray(offset, end < 0 ? body.length : end).toString('utf8');
}
