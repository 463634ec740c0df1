#!/usr/bin/env node
/**
 * yarn bench:rollout-list — listing rollouts with 1,000 in the store (issue 15): the time and the
 * bytes read to list the newest page (50), before and after lists read summaries only.
 *
 * - File store (CLI, VS Code): "before" reads every rollout's record and summarizes it (what
 *   listRollouts did); "after" is listRollouts({ limit: 50 }) on the summary files.
 * - Knex store on SQLite (the Backstage backend's list): "before" reads every summary and then every
 *   rollout's body for the permission check (what RolloutsService.list did); "after" is a page of
 *   summaries plus the page's access column (what it does now).
 * Bytes read are measured: fs.promises.readFile's results (file store), the rows knex returns (knex).
 * Prints medians of --repeat runs, the after/before ratios, and the machine's load. One machine, one run.
 * Flags: --rollouts 1000 --clusters 50 --repeat 5
 */
const fs = require('node:fs');
const { mkdtempSync, rmSync } = fs;
const { tmpdir, loadavg } = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { FileRunStore, summarizeRollout } = require('@switchyard/core');
const { testRollout } = require(path.resolve(__dirname, '../../shared/core/dist/rollout/testing.js'));

const { values } = parseArgs({
  options: {
    rollouts: { type: 'string', default: '1000' },
    clusters: { type: 'string', default: '50' },
    repeat: { type: 'string', default: '5' },
  },
});
const N = Number(values.rollouts);
const CLUSTERS = Number(values.clusters);
const REPEAT = Number(values.repeat);

/** N rollouts of CLUSTERS clusters each, a minute apart, each with an entity per cluster and a short audit. */
function rollouts() {
  const base = testRollout(CLUSTERS);
  return Array.from({ length: N }, (_, i) => {
    const at = new Date(Date.UTC(2026, 11, 1) + i * 60_000);
    const iso = at.toISOString();
    const id = `ro-${iso.replace(/[-:T.Z]/g, '').slice(0, 14)}-${i.toString(16).padStart(6, '0')}`;
    return {
      ...base,
      id,
      createdAt: iso,
      updatedAt: iso,
      status: i % 7 ? 'succeeded' : 'running',
      clusters: base.clusters.map((c, k) => ({ ...c, entityRef: `resource:default/db-${k}`, status: 'succeeded', runId: `${id}-c${k}` })),
      audit: Array.from({ length: 6 }, (_, k) => ({ at: iso, actor: 'user:default/alice', action: `step ${k}`, detail: 'x'.repeat(80) })),
    };
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;

async function measure(label, run, bytesOf) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < REPEAT; i++) {
    const counter = bytesOf();
    const start = process.hrtime.bigint();
    const shown = await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    bytes = counter.stop();
    if (shown !== 50) throw new Error(`${label}: listed ${shown}, expected 50`);
  }
  return { label, ms: median(times), bytes };
}

/** Counts the bytes fs.promises.readFile returns while it runs. */
function fileBytes() {
  const original = fs.promises.readFile;
  let bytes = 0;
  fs.promises.readFile = async (...args) => {
    const out = await original.apply(fs.promises, args);
    bytes += Buffer.byteLength(out);
    return out;
  };
  return {
    stop: () => {
      fs.promises.readFile = original;
      return bytes;
    },
  };
}

async function fileStore(records) {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-list-bench-'));
  try {
    const store = new FileRunStore(dir);
    for (const r of records) await store.createRollout(r);
    const before = await measure(
      'file store, before (every record read)',
      async () => {
        const names = (await fs.promises.readdir(path.join(dir, 'rollouts'))).filter((n) => n.endsWith('.json'));
        const all = [];
        for (const n of names) all.push(await store.getRollout(n.slice(0, -5)));
        return all
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .slice(0, 50)
          .map(summarizeRollout).length;
      },
      fileBytes,
    );
    const after = await measure(
      'file store, after (summaries)',
      async () => (await store.listRollouts({ limit: 50 })).rollouts.length,
      fileBytes,
    );
    return [before, after];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** KnexRunStore from the backend's sources (the backend plugin is not compiled to JS on its own), bundled under test/output so its imports resolve. */
function loadKnexStore() {
  const out = path.resolve(__dirname, '../output/rollout-list-bench/knex-run-store.js');
  require('esbuild').buildSync({
    entryPoints: [path.resolve(__dirname, '../../plugins/switchyard-backend/src/store/knex-run-store.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    external: ['knex', 'better-sqlite3', '@switchyard/core'],
    logLevel: 'error',
  });
  return require(out);
}

async function knexStore(records) {
  const knex = require('knex');
  const { KnexRunStore } = loadKnexStore();
  const { migrateRunStore } = requireMigrations();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'switchyard-list-bench-db-')), 'store.sqlite');
  const db = knex({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
  try {
    await migrateRunStore(db);
    const store = new KnexRunStore(db);
    for (const r of records) await store.createRollout(r);
    let bytes = 0;
    db.on('query-response', (response) => (bytes += Buffer.byteLength(JSON.stringify(response))));
    const rowBytes = () => {
      bytes = 0;
      return { stop: () => bytes };
    };
    const before = await measure(
      'knex (SQLite), before (summaries + every body)',
      async () => {
        const rows = await db('switchyard_rollouts')
          .select('summary')
          .orderBy([
            { column: 'created_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ]);
        const summaries = rows.map((r) => JSON.parse(r.summary));
        const full = await Promise.all(summaries.map((s) => store.getRollout(s.id)));
        const refs = new Set(full.flatMap((r) => r.clusters.map((c) => c.entityRef)));
        return summaries.filter((s, i) => full[i].clusters.every((c) => refs.has(c.entityRef))).slice(0, 50).length;
      },
      rowBytes,
    );
    const after = await measure(
      'knex (SQLite), after (a page + its access)',
      async () => {
        const page = await store.listRollouts({ limit: 50 });
        const access = await store.rolloutAccess(page.rollouts.map((s) => s.id));
        const refs = new Set([...access.values()].flatMap((a) => a.entityRefs));
        return page.rollouts.filter((s) => access.get(s.id).entityRefs.every((r) => refs.has(r))).length;
      },
      rowBytes,
    );
    return [before, after];
  } finally {
    await db.destroy();
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

function requireMigrations() {
  const out = path.resolve(__dirname, '../output/rollout-list-bench/migrations.js');
  require('esbuild').buildSync({
    entryPoints: [path.resolve(__dirname, '../../plugins/switchyard-backend/src/store/migrations.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    external: ['knex', '@switchyard/core'],
    logLevel: 'error',
  });
  return require(out);
}

async function main() {
  const records = rollouts();
  const recordBytes = Buffer.byteLength(JSON.stringify(records[0]));
  console.log(
    `rollout-list bench: ${N} rollouts of ${CLUSTERS} clusters (a record is ~${kb(recordBytes)}), newest page of 50, median of ${REPEAT}`,
  );
  for (const [before, after] of [await fileStore(records), await knexStore(records)]) {
    for (const r of [before, after])
      console.log(`  ${r.label.padEnd(48)} ${r.ms.toFixed(1).padStart(8)} ms  ${kb(r.bytes).padStart(12)} read`);
    console.log(
      `  ${'after/before'.padEnd(48)} ${(after.ms / before.ms).toFixed(3).padStart(8)}×    ${(after.bytes / before.bytes).toFixed(4).padStart(9)}× bytes`,
    );
  }
  console.log(
    `load average (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
