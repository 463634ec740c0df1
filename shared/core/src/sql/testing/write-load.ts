import type { PgServer } from './pg-server';

export interface WriteLoad {
  /** Stops the load; resolves with how many transactions it committed. */
  stop(): Promise<number>;
}

/**
 * Application writes during the checks: a stream of events and new orders on blue (new keys,
 * as an application with sequences writes), committed every `intervalMs`.
 */
export async function startWriteLoad(server: PgServer, intervalMs = 20): Promise<WriteLoad> {
  const client = await server.admin();
  let stopping = false;
  let commits = 0;
  const loop = (async () => {
    while (!stopping) {
      await client.query(`insert into events (kind, payload) values ('tick', jsonb_build_object('n', ${commits}))`);
      if (commits % 3 === 0) {
        await client.query(`insert into orders (customer_id, status, total, placed_at) values (1 + ${commits} % 100, 'new', 9.99, now())`);
      }
      commits++;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await loop;
      await client.end();
      return commits;
    },
  };
}
