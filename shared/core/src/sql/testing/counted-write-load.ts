import { Client } from 'pg';

/**
 * An application writing through a database endpoint without pause: `events` rows whose ids it
 * numbers itself (1, 2, 3, …), one or two per transaction, so a reader of the change stream can
 * tell a missing event from a duplicated one. A dropped connection (the endpoint moving) is
 * reconnected and the transaction retried; a retry of a transaction that had in fact committed
 * inserts nothing (`on conflict do nothing`), so every id is committed exactly once.
 */
export interface CountedWriteLoad {
  /** Ids whose transaction committed, in commit order. */
  readonly committed: readonly number[];
  /** Holds writes (as a maintenance mode does); resolves once no transaction is in flight. */
  freeze(): Promise<void>;
  resume(): void;
  /** Resolves once `n` more transactions have committed than when it was called. */
  committedMore(n: number, timeoutMs?: number): Promise<void>;
  /** Stops the load; resolves with the committed ids. */
  stop(): Promise<readonly number[]>;
}

export async function startCountedWriteLoad(endpoint: { host: string; port: number }, intervalMs = 15): Promise<CountedWriteLoad> {
  const committed: number[] = [];
  let transactions = 0;
  let stopping = false;
  let frozen = false;
  let idle: (() => void) | undefined;
  let client: Client | undefined;
  const connectClient = async () => {
    const c = new Client({ host: endpoint.host, port: endpoint.port, user: 'postgres', database: 'app' });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  client = await connectClient();
  const write = async (ids: number[]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        client ??= await connectClient();
        const values = ids.map((_, i) => `($${i + 1}::bigint, 'tick', jsonb_build_object('n', $${i + 1}::bigint))`).join(', ');
        await client.query({ text: `insert into events (id, kind, payload) values ${values} on conflict (id) do nothing`, values: ids });
        return;
      } catch (error) {
        // The endpoint moved or the server dropped us: reconnect and retry the same ids.
        await client?.end().catch(() => undefined);
        client = undefined;
        if (attempt > 200) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  let next = 1;
  const loop = (async () => {
    while (!stopping) {
      if (frozen) {
        idle?.();
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      // Every fourth transaction commits two events: the stream keeps transaction boundaries.
      const ids = transactions % 4 === 3 ? [next, next + 1] : [next];
      next += ids.length;
      await write(ids);
      committed.push(...ids);
      transactions++;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    committed,
    freeze: () => {
      frozen = true;
      return new Promise<void>((resolve) => (idle = resolve));
    },
    resume: () => {
      frozen = false;
      idle = undefined;
    },
    committedMore: async (n, timeoutMs = 30_000) => {
      const target = transactions + n;
      const deadline = Date.now() + timeoutMs;
      while (transactions < target) {
        if (Date.now() > deadline) throw new Error(`the write load committed ${transactions} of ${target} transactions in time`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: async () => {
      stopping = true;
      frozen = false;
      await loop;
      await client?.end().catch(() => undefined);
      return committed;
    },
  };
}
