import { SCHEMA } from './blue-green-pair';
import { startPgServer, type PgServer } from './pg-server';
import { startWriteLoad } from './write-load';

jest.setTimeout(60_000);

let server: PgServer;
beforeAll(async () => {
  server = await startPgServer('load');
  await server.exec(SCHEMA);
}, 60_000);
afterAll(() => server?.stop());

const loadEvents = async () =>
  (await server.exec(`select id::int, (payload->>'n')::int as n from events where kind = 'load' order by id`)) as Array<{
    id: number;
    n: number;
  }>;

it('its connection killed again and again: reconnects, and every event is committed exactly once', async () => {
  await server.exec('truncate events');
  const load = await startWriteLoad(server, { intervalMs: 2 });
  for (let i = 0; i < 5; i++) {
    await load.waitForCommits(10);
    await server.exec(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = 'app' and backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
  }
  await load.waitForCommits(10);
  await load.stop();
  expect(load.failures).toEqual([]);
  const rows = await loadEvents();
  expect(rows.map((r) => r.id)).toEqual(load.committed);
  expect(rows.map((r) => r.n)).toEqual(rows.map((_, i) => i));
  expect(load.committed.length).toBeGreaterThan(load.commits); // every fourth transaction writes two events
});

it('a server that refuses writes is a failure: the load stops writing until resumed', async () => {
  await server.exec('truncate events');
  const load = await startWriteLoad(server, { intervalMs: 2 });
  try {
    await load.waitForCommits(5);
    await server.exec('alter database app set default_transaction_read_only = on');
    await server.exec(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = 'app' and backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    await expect(load.waitForCommits(1, 3000)).rejects.toThrow(/read-only transaction/);
    expect(load.failures).toEqual([expect.stringMatching(/^load: cannot execute INSERT in a read-only transaction$/)]);
    const stuck = load.commits;
    await new Promise((r) => setTimeout(r, 100));
    expect(load.commits).toBe(stuck);
    await server.exec('begin read write; alter database app reset default_transaction_read_only; commit');
    // Resuming elsewhere opens a new connection (the old session keeps the read-only default).
    await load.resume({ name: 'again', host: server.host, port: server.port });
    await load.waitForCommits(5);
    expect(load.byServer.again).toBeGreaterThanOrEqual(5);
  } finally {
    await load.stop();
  }
  const rows = await loadEvents();
  expect(rows.map((r) => r.id)).toEqual(load.committed);
});
