/**
 * Metric guards end to end: the `check` example of docs/runbook-format.md (AuroraReplicaLag by
 * DBClusterIdentifier under 1 s) holds on a healthy demo cluster, and a guard over a metric that
 * has no datapoints fails saying so, not with a CEL error about null.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO } from './support/cli';
import { RunbookHarness } from './support/runbook-harness';

jest.setTimeout(120_000);

let harness: RunbookHarness;
let dir: string;
beforeEach(async () => {
  harness = await RunbookHarness.start(100);
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-metric-guards-'));
});
afterEach(async () => {
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The first ```check block under "### `check`" in docs/runbook-format.md, as written there. */
function docsCheckExample(): string {
  const doc = readFileSync(path.join(REPO, 'docs/runbook-format.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### `check`'));
  const block = /```check\n[\s\S]*?\n```\n/.exec(section);
  if (!block) throw new Error('docs/runbook-format.md has no check example');
  return block[0];
}

/** A one-step runbook around a check block, written where `harness.run` finds it. */
function runbookWith(block: string): string {
  const file = path.join(dir, 'guard.md');
  writeFileSync(
    file,
    [
      '---',
      'title: Metric guard',
      'params:',
      '  cluster: { type: rds-cluster, required: true }',
      '---',
      '',
      '# Metric guard',
      '',
      '## Guard {#guard}',
      '',
      block,
    ].join('\n'),
  );
  return path.relative(path.join(REPO, 'runbooks'), file);
}

it('the docs example (AuroraReplicaLag by DBClusterIdentifier under 1 s) holds on a healthy cluster', async () => {
  const block = docsCheckExample();
  expect(block).toContain('metric: AuroraReplicaLag');
  expect(block).toContain('DBClusterIdentifier');
  const result = await harness.run(runbookWith(block), { cluster: 'prod-app' });
  expect(result.log).not.toMatch(/guard failed/);
  expect(result.code).toBe(0);
  expect(result.outputs.guard).toMatchObject({ old_writer: 'prod-app-0' });
});

it('a guard over a metric with no datapoints fails naming the metric, its dimensions and the window', async () => {
  // The writer publishes no AuroraReplicaLag: its role has no datapoints. Written the way the
  // docs used to advise (`== null || …`), the guard would pass having measured nothing.
  const block = [
    '```check',
    'observe:',
    '  lag:',
    '    metric: AuroraReplicaLag',
    '    dimensions: { DBClusterIdentifier: "{{ cluster }}", Role: WRITER }',
    '    window: 2m',
    'expect:',
    '  - that: lag.max == null || lag.max < 1000',
    '    message: replica lag must stay under 1 s',
    '  - lag.max < 1000',
    '```',
    '',
  ].join('\n');
  const result = await harness.run(runbookWith(block), { cluster: 'prod-app' });
  expect(result.code).not.toBe(0);
  const noData = 'no datapoints for AuroraReplicaLag {DBClusterIdentifier=prod-app, Role=WRITER} in the last 2m';
  expect(result.log).toContain(`guard failed: replica lag must stay under 1 s (lag.max == null || lag.max < 1000): ${noData}`);
  // Without a message the expression is named once, not `lag.max < 1000 (lag.max < 1000)`.
  expect(result.log).toContain(`guard failed: lag.max < 1000: ${noData}`);
  expect(result.log).not.toMatch(/no such overload/);
});
