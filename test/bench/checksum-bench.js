#!/usr/bin/env node
/**
 * yarn bench:checksum — throughput of the table checksum guard on a real PostgreSQL table of
 * 1 million rows (blue and green, two throw-away servers holding the same rows), next to a plain
 * `SELECT count(*)` on the same table, as a ratio. The checksum reads every row on both sides
 * (md5 of each row, summed per chunk of the primary key); count(*) only counts one side.
 * Flags: --rows N (1000000), --chunk N (10000), --repeat K (3: the median is printed).
 * Figures are from one run on a shared machine; read them as such.
 */
const { parseArgs } = require('node:util');
const { PgSqlGateway, observeDataGuard } = require('@switchyard/core');
const { startPgServer, GUARD_PASSWORD } = require('../../shared/core/dist/sql/testing/pg-server');

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    chunk: { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '3' },
  },
});
const rows = Number(values.rows);
const chunk = Number(values.chunk);
const repeat = Number(values.repeat);

const TABLE = `
  create table orders (id bigint primary key, customer_id int not null, status text not null,
                       total numeric(12,2) not null, placed_at timestamptz not null, note text);
  insert into orders
    select i, 1 + i % 50000, (array['new','paid','shipped','returned'])[1 + i % 4], (i % 9973) * 0.37,
           timestamptz '2024-01-01' + i * interval '1 second', 'order ' || i
      from generate_series(1, ${rows}) i;`;

async function time(fn) {
  const results = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    const value = await fn();
    results.push({ ms: Number(process.hrtime.bigint() - start) / 1e6, value });
  }
  results.sort((a, b) => a.ms - b.ms);
  return results[Math.floor(results.length / 2)];
}

async function main() {
  process.stdout.write(`starting blue and green, ${rows.toLocaleString('en')} rows each...\n`);
  const servers = await Promise.all([startPgServer('bench-blue'), startPgServer('bench-green')]);
  const [blue, green] = servers;
  const sql = new PgSqlGateway({
    connections: [blue, green].map((s, i) => ({
      name: i ? 'green' : 'blue',
      host: s.host,
      port: s.port,
      database: 'app',
      user: 'guard',
      passwordEnv: 'BENCH_PGPASSWORD',
      ssl: 'disable',
    })),
    env: { BENCH_PGPASSWORD: GUARD_PASSWORD },
  });
  try {
    // Vacuumed, as a long-lived table is: the chunk bounds come from index-only scans.
    await Promise.all([blue, green].map(async (s) => (await s.exec(TABLE), await s.exec('vacuum analyze orders'))));
    const options = { write: false, timeoutMs: 600_000 };
    await sql.query('blue', 'select count(*) from orders', options); // warm the cache
    const count = await time(() => sql.query('blue', 'select count(*) from orders', options));
    const source = {
      kind: 'checksum',
      left: 'blue',
      right: 'green',
      tables: ['orders'],
      chunk,
      recheck: 0,
      settleSeconds: 0,
      timeoutSeconds: 600,
    };
    const sums = await time(() => observeDataGuard(source, { sql }));
    if (!sums.value.equal) throw new Error(`checksum found a difference in identical tables: ${sums.value.message}`);
    const rate = (n, ms) => Math.round((n / ms) * 1000).toLocaleString('en');
    const lines = [
      `table orders: ${rows.toLocaleString('en')} rows, chunk ${chunk} (${sums.value.tables[0].chunks} chunks), median of ${repeat}`,
      `select count(*), one side:        ${count.ms.toFixed(0).padStart(7)} ms  ${rate(rows, count.ms).padStart(12)} rows/s`,
      `checksum, blue then green:       ${sums.ms.toFixed(0).padStart(7)} ms  ${rate(rows, sums.ms).padStart(12)} rows/s compared (${rate(2 * rows, sums.ms)} rows/s read)`,
      `ratio checksum / count(*):       ${(sums.ms / count.ms).toFixed(1)}x the time (${(sums.ms / 2 / count.ms).toFixed(1)}x per side)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await sql.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
