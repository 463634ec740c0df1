import type { Client } from 'pg';
import type { PgServer } from './pg-server';

/**
 * An application that writes continuously and counts what it committed, and that can be frozen
 * (maintenance mode: it stops writing, its last transaction committed) and pointed at another
 * server — the new production after a switchover, the old one after a rollback.
 *
 * Every commit is one transaction: an `events` row (kind `load`, payload `{ n }`) and, every
 * third, an `orders` row too. So a side that holds every committed write has exactly `commits`
 * load events, numbered 0 … commits-1.
 */
export interface SwitchingWriteLoad {
  /** Transactions committed so far (a failed one is not counted; see `failures`). */
  readonly commits: number;
  /** Commits per server name. */
  readonly byServer: Record<string, number>;
  /** Errors of transactions that did not commit (the load stops writing at the first). */
  readonly failures: string[];
  /** Stops writing; resolves once the transaction in flight has ended. */
  freeze(): Promise<void>;
  /** Writes again, to `server` if given (a new connection), else where it wrote before. */
  resume(server?: PgServer): Promise<void>;
  /** Resolves when at least `n` more commits happened after the call. */
  waitForCommits(n: number, timeoutMs?: number): Promise<void>;
  /** Stops for good; resolves with the number of commits. */
  stop(): Promise<number>;
}

export async function startSwitchingWriteLoad(server: PgServer, intervalMs = 10): Promise<SwitchingWriteLoad> {
  let client: Client = await server.admin();
  let target = server;
  let frozen = false;
  let stopped = false;
  let commits = 0;
  const byServer: Record<string, number> = {};
  const failures: string[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;

  const writeOne = async () => {
    const n = commits;
    try {
      await client.query('begin');
      await client.query(`insert into events (kind, payload) values ('load', jsonb_build_object('n', ${n}::int))`);
      if (n % 3 === 0)
        await client.query(`insert into orders (customer_id, status, total, placed_at) values (1 + ${n} % 100, 'new', 9.99, now())`);
      await client.query('commit');
      commits++;
      byServer[target.name] = (byServer[target.name] ?? 0) + 1;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      failures.push(`${target.name}: ${error instanceof Error ? error.message : String(error)}`);
      frozen = true; // an application in trouble stops writing; the test reads `failures`
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
    byServer,
    failures,
    freeze: async () => {
      frozen = true;
      await inFlight;
    },
    resume: async (next) => {
      if (next && next !== target) {
        await client.end();
        client = await next.admin();
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
          throw new Error(`the write load committed ${commits}, not ${goal}, within ${timeoutMs} ms (${failures.join('; ')})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: async () => {
      stopped = true;
      frozen = false;
      wake?.();
      await loop;
      await client.end();
      return commits;
    },
  };
}
