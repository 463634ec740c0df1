/**
 * A block that runs longer than the run's lease (issue: an sh block past the 60 s lease ran twice,
 * once per process). The lease is heartbeated while any block runs; a block whose lease is lost is
 * stopped; an sh block is recorded in flight, so a resume hands it to the operator, never re-runs it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Run } from '../model/run';
import { Engine } from './engine';
import { FileRunStore } from './file-run-store';
import { NodeShellGateway } from './node-shell';
import type { RunStore } from './run-store';
import { FakeAws } from './testing/fake-aws';

let dir: string;
let marks: string;
const engines: Engine[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-lease-'));
  marks = path.join(dir, 'marks.txt');
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.shutdown()));
  rmSync(dir, { recursive: true, force: true });
});

const runbook = (seconds: number) => `---
title: Long script
locks: ["host:local"]
---
# Long script

## Work {#work}

\`\`\`sh timeout=1m
echo started >> "${marks}"
sleep ${seconds}
echo finished >> "${marks}"
\`\`\`
`;

function engine(store: RunStore, leaseMs: number): Engine {
  const e = new Engine({ store, aws: new FakeAws(), shell: new NodeShellGateway(), allowShell: true, leaseMs });
  engines.push(e);
  return e;
}

const lines = () => readFileSync(marks, 'utf8').trim().split('\n');
const until = async (what: () => boolean) => {
  for (let i = 0; i < 400 && !what(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!what()) throw new Error('timed out waiting');
};
const started = () => {
  try {
    return lines().includes('started');
  } catch {
    return false;
  }
};

it('a block longer than the lease keeps the run: another process resuming meanwhile does not run it again', async () => {
  const store = new FileRunStore(dir);
  const a = engine(store, 300);
  const run = await a.start({ file: 'long.md', source: runbook(1.5), params: {}, startedBy: 'alice' });
  await until(started);
  // Another process (its own owner id) tries to pick the run up, past several leases.
  const b = engine(new FileRunStore(dir), 300);
  for (let i = 0; i < 4; i++) {
    await b.resume(run.id);
    await new Promise((r) => setTimeout(r, 300));
  }
  const ended = await a.settled(run.id);
  expect(ended.status).toBe('succeeded');
  expect(lines()).toEqual(['started', 'finished']);
  expect(ended.steps[0].attempts).toBe(1);
});

it('a block whose lease is lost is stopped, and its outcome is not written: the run is the other process’s', async () => {
  const store = new FileRunStore(dir);
  let lost = false;
  // As if this process stalled past its lease and another claimed the run: its renewals now fail.
  const stalled: RunStore = Object.create(store, {
    claim: { value: (id: string, owner: string, ttl: number) => (lost ? Promise.resolve(false) : store.claim(id, owner, ttl)) },
  });
  const a = engine(stalled, 200);
  const run = await a.start({ file: 'long.md', source: runbook(3), params: {}, startedBy: 'alice' });
  await until(started);
  lost = true;
  const rested: Run = await a.settled(run.id);
  expect(lines()).toEqual(['started']); // killed before it finished
  expect(rested.status).toBe('running');
  expect(rested.steps[0]).toMatchObject({ status: 'running', inFlight: { service: 'sh', operation: 'sh block' } });
});

it('an sh block interrupted mid-way is handed to the operator on resume, never run twice', async () => {
  const a = engine(new FileRunStore(dir), 60_000);
  const run = await a.start({ file: 'long.md', source: runbook(3), params: {}, startedBy: 'alice' });
  await until(started);
  await a.shutdown(); // the process stops (Ctrl-C, a crash): the script is killed mid-way
  const b = engine(new FileRunStore(dir), 60_000);
  await b.resume(run.id);
  const failed = await b.settled(run.id);
  expect(failed.status).toBe('failed');
  expect(failed.steps[0].error).toMatch(/sh block may or may not have taken effect .*check what the sh block does, then retry or skip/);
  expect(failed.steps[0].inFlight).toBeUndefined();
  expect(lines()).toEqual(['started']);
});
