import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from './engine';
import { FileRunStore } from './file-run-store';
import { FakeAws } from './testing/fake-aws';

/** One step that reads, changes and reads again: what a retry runs again and what it keeps (retry-plan.ts). */
const RUNBOOK = `---
title: Retry
params:
  cluster: { type: rds-cluster, required: true, description: The cluster }
locks:
  - "rds-cluster:{{ cluster }}"
---
# Retry

## Guard, change, verify {#work}

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - that: cluster.status == "available"
    message: "the cluster is {{ cluster.status }}, not available"
\`\`\`

\`\`\`aws
aws rds failover-db-cluster --db-cluster-identifier {{ cluster }} --target-db-instance-identifier db-1
\`\`\`

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - that: cluster.writer == "db-1"
    message: db-1 is not the writer yet
output:
  writer: cluster.writer
\`\`\`
`;

let dir: string;
let aws: FakeAws;
let engine: Engine;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-retry-'));
  aws = new FakeAws();
  engine = new Engine({ store: new FileRunStore(dir), aws, timeScale: 100 });
});

afterEach(async () => {
  await engine.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const start = () => engine.start({ file: 'retry.md', source: RUNBOOK, params: { cluster: 'c1' }, startedBy: 'alice' });
const count = (operation: string) => aws.calls.filter((c) => c.operation === operation).length;

describe('retry re-reads live state', () => {
  it('checks the guard again before sending a change that failed, against the cluster as it is now', async () => {
    aws.failNext = { operation: 'FailoverDBCluster', code: 'InvalidDBClusterStateFault' };
    const run = await start();
    let rested = await engine.settled(run.id);
    expect(rested.status).toBe('failed');
    expect(rested.steps[0].error).toMatch(/InvalidDBClusterStateFault/);
    const reads = count('DescribeDBClusters');

    aws.status = 'modifying'; // the cluster changed since the guard passed
    await engine.control(run.id, { action: 'retry' }, { name: 'alice' });
    rested = await engine.settled(run.id);

    expect(count('DescribeDBClusters')).toBeGreaterThan(reads);
    expect(rested.status).toBe('failed');
    expect(rested.steps[0].error).toMatch(/the cluster is modifying, not available/);
    expect(count('FailoverDBCluster')).toBe(1); // the guard stopped it: not sent into a modifying cluster
    expect(rested.steps[0].keptBlocks).toEqual([]);
  });

  it('keeps a completed change: the mutating call is not sent twice, the reads around it run again', async () => {
    aws.failoverMs = 60_000; // db-1 does not become the writer before the last check
    const run = await start();
    let rested = await engine.settled(run.id);
    expect(rested.status).toBe('failed');
    expect(rested.steps[0].error).toMatch(/db-1 is not the writer yet/);
    expect(count('FailoverDBCluster')).toBe(1);
    const reads = count('DescribeDBClusters');

    aws.writer = 'db-1';
    aws.readers = ['db-0', 'db-2'];
    aws.status = 'available';
    await engine.control(run.id, { action: 'retry', reason: 'failover done now' }, { name: 'alice' });
    rested = await engine.settled(run.id);

    expect(rested.status).toBe('succeeded');
    expect(count('FailoverDBCluster')).toBe(1);
    expect(count('DescribeDBClusters')).toBeGreaterThan(reads + 1); // the guard and the verification both read again
    expect(rested.steps[0].keptBlocks).toEqual([1]);
    expect(rested.steps[0].blockOutputs[1]).toMatchObject({ DBCluster: { Status: 'failing-over' } });
    expect(rested.steps[0].output).toEqual({ writer: 'db-1' });
    expect(rested.steps[0].log.map((l) => l.text)).toContainEqual(expect.stringMatching(/aws block \(line \d+\) not run again/));
  });

  it('fails again, and says so, when the live state still does not hold', async () => {
    aws.status = 'modifying';
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'retry' }, { name: 'alice' });
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('failed');
    expect(rested.steps[0].attempts).toBe(2);
    expect(count('DescribeDBClusters')).toBe(2);
    expect(count('FailoverDBCluster')).toBe(0);
  });

  it('a retry written by a process that then died is driven from the store by the next one, keeping the change', async () => {
    aws.failoverMs = 60_000;
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'retry' }, { name: 'alice' });
    await engine.shutdown(); // stopped right after the retry was written
    aws.writer = 'db-1';
    aws.readers = ['db-0', 'db-2'];
    aws.status = 'available';
    const next = new Engine({ store: new FileRunStore(dir), aws, timeScale: 100, leaseMs: 50 });
    try {
      await new Promise((r) => setTimeout(r, 100)); // the stopped process's lease runs out
      await next.resume(run.id);
      const rested = await next.settled(run.id);
      expect(rested.status).toBe('succeeded');
      expect(count('FailoverDBCluster')).toBe(1);
    } finally {
      await next.shutdown();
    }
  });
});
