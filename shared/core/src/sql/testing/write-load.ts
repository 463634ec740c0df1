import { Client } from 'pg';

/** Where the load writes: a server (a `PgServer` is one) or a database endpoint that moves. */
export interface WriteTarget {
  /** Counted under this name in `byServer`. */
  name: string;
  host: string;
  port: number;
}

/**
 * An application writing to a database without pause, for tests and benchmarks: one transaction
 * every `intervalMs`, each an `events` insert (kind `load`) of one event or, every fourth, two
 * (a change stream must keep transaction boundaries), and every third also an `orders` insert.
 * Ids come from the tables' sequences, as an application's do; the load numbers its events
 * itself too (`payload.n` = 0, 1, 2, …), so a side that holds every committed write has exactly
 * `committed.length` load events, numbered 0 … committed.length - 1.
 *
 * A lost connection (the endpoint moved, the server dropped us) is reconnected and, unless the
 * transaction is found on the server (it committed before the answer was lost), retried: every
 * event is committed once. An error the server answers (read-only, a duplicate key) is an
 * application in trouble: it is kept in `failures` and the load stops writing until `resume`.
 */
export interface WriteLoad {
  /** Transactions committed so far. */
  readonly commits: number;
  /** Ids of the committed events, in commit order. */
  readonly committed: readonly number[];
  /** Commits per target name. */
  readonly byServer: Record<string, number>;
  /** Why transactions did not commit, as `<target>: <error>`. */
  readonly failures: readonly string[];
  /** Holds writes (maintenance mode); resolves once no transaction is in flight. */
  freeze(): Promise<void>;
  /** Writes again: to `target` if given (a new connection), else where it wrote before. */
  resume(target?: WriteTarget): Promise<void>;
  /** Resolves once `n` more transactions have committed than when it was called. */
  waitForCommits(n: number, timeoutMs?: number): Promise<void>;
  /** Stops for good; resolves with the number of commits. */
  stop(): Promise<number>;
}

export interface WriteLoadOptions {
  intervalMs?: number;
  /** How long a lost connection is retried before it counts as a failure. */
  reconnectMs?: number;
}

/** PostgreSQL's answer, not a lost connection: a SQLSTATE outside connection exception (08) and shutdown (57P0x). */
function refusedByServer(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57P0');
}

export async function startWriteLoad(first: WriteTarget, options: WriteLoadOptions = {}): Promise<WriteLoad> {
  const intervalMs = options.intervalMs ?? 10;
  const reconnectMs = options.reconnectMs ?? 30_000;
  const connect = async (to: WriteTarget) => {
    const c = new Client({ host: to.host, port: to.port, user: 'postgres', database: 'app' });
    c.on('error', () => undefined); // a dropped idle connection surfaces at the next query
    await c.connect();
    return c;
  };
  let target = first;
  let client: Client | undefined = await connect(target);
  let frozen = false;
  let stopped = false;
  let commits = 0;
  let events = 0;
  const committed: number[] = [];
  const byServer: Record<string, number> = {};
  const failures: string[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;

  /** One transaction; resolves with the ids of its events. */
  const transaction = async (c: Client, numbers: number[], withOrder: boolean): Promise<number[]> => {
    try {
      await c.query('begin');
      const values = numbers.map((_, i) => `('load', jsonb_build_object('n', $${i + 1}::int))`).join(', ');
      const { rows } = await c.query<{ id: string; n: number }>({
        text: `insert into events (kind, payload) values ${values} returning id::text, (payload->>'n')::int as n`,
        values: numbers,
      });
      if (withOrder)
        await c.query({
          text: `insert into orders (customer_id, status, total, placed_at) values (1 + $1::int % 100, 'new', 9.99, now())`,
          values: [commits],
        });
      await c.query('commit');
      return rows.sort((a, b) => a.n - b.n).map((r) => Number(r.id));
    } catch (error) {
      await c.query('rollback').catch(() => undefined);
      throw error;
    }
  };

  /** The ids of events `numbers` if a transaction that was cut off had in fact committed them. */
  const alreadyCommitted = async (c: Client, numbers: number[]): Promise<number[] | undefined> => {
    const { rows } = await c.query<{ id: string }>({
      text: `select id::text from events where kind = 'load' and (payload->>'n')::int = any($1::int[]) order by (payload->>'n')::int`,
      values: [numbers],
    });
    return rows.length === numbers.length ? rows.map((r) => Number(r.id)) : undefined;
  };

  const writeOne = async () => {
    // Every fourth transaction commits two events; every third writes an order too.
    const numbers = commits % 4 === 3 ? [events, events + 1] : [events];
    const deadline = Date.now() + reconnectMs;
    let lost = false;
    for (;;) {
      try {
        client ??= await connect(target);
        const ids = (lost && (await alreadyCommitted(client, numbers))) || (await transaction(client, numbers, commits % 3 === 0));
        committed.push(...ids);
        events += numbers.length;
        commits++;
        byServer[target.name] = (byServer[target.name] ?? 0) + 1;
        return;
      } catch (error) {
        const message = `${target.name}: ${error instanceof Error ? error.message : String(error)}`;
        if (refusedByServer(error) || Date.now() > deadline || stopped) {
          failures.push(message);
          frozen = true; // an application in trouble stops writing; the test reads `failures`
          return;
        }
        // The endpoint moved or the server dropped us: reconnect, and find out whether it committed.
        lost = true;
        await client?.end().catch(() => undefined);
        client = undefined;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  const loop = (async () => {
    while (!stopped) {
      if (frozen) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      inFlight = writeOne();
      await inFlight;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();

  return {
    get commits() {
      return commits;
    },
    committed,
    byServer,
    failures,
    freeze: async () => {
      frozen = true;
      await inFlight;
    },
    resume: async (next) => {
      if (next && (next.host !== target.host || next.port !== target.port || next.name !== target.name)) {
        await client?.end().catch(() => undefined);
        client = await connect(next);
        target = next;
      }
      frozen = false;
      wake?.();
    },
    waitForCommits: async (n, timeoutMs = 30_000) => {
      const goal = commits + n;
      const deadline = Date.now() + timeoutMs;
      while (commits < goal) {
        if (Date.now() > deadline)
          throw new Error(
            `the write load committed ${commits}, not ${goal}, within ${timeoutMs} ms (${failures.join('; ') || 'no failure'})`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: async () => {
      stopped = true;
      frozen = false;
      wake?.();
      await loop;
      await client?.end().catch(() => undefined);
      return commits;
    },
  };
}
