/**
 * `switchyard rollout plan|start` on the simulator with a runbook whose http block each cluster's
 * run would send: without --trust-http every cluster's run would be refused at its start, so the
 * plan lists every cluster (file and line, the fix) and exits 2; `start` records and sends nothing.
 * With --trust-http the plan is made.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';
import { DRAIN_RUNBOOK_SOURCE } from '../shared/core/src/rollout/testing';
import { cli } from './support/cli';

let sim: RunningSimulator;
let dir: string;
const env = {
  AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
  SWITCHYARD_USER: 'alice',
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0, fleet: 3 });
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-rollout-http-'));
  writeFileSync(path.join(dir, 'drain.md'), DRAIN_RUNBOOK_SOURCE);
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const args = (sub: string, ...more: string[]) => [
  'rollout',
  sub,
  path.join(dir, 'drain.md'),
  '--select',
  '*',
  '--param',
  'maintenance_url=https://{{ cluster.id }}.maint.example',
  '--endpoint',
  sim.url,
  '--region',
  'us-east-1',
  '--store',
  path.join(dir, 'store'),
  '--approve',
  ...more,
];

it('without --trust-http, plan and start list every cluster whose run would be refused, and start records and sends nothing', async () => {
  const plan = await cli(args('plan'), env);
  expect({ code: plan.code, stdout: plan.stdout }).toEqual({ code: 2, stdout: '' });
  const refused = plan.stderr
    .split('\n')
    .filter((l) => /drain\.md:12: the http block \(POST \{\{ maintenance_url \}\}\/drain\) would send/.test(l));
  expect(refused).toHaveLength(3);
  // The CLI's own way, not another front end's.
  expect(plan.stderr).toContain('Run with --trust-http (requests go to any host');
  expect(plan.stderr).not.toMatch(/VS Code|Backstage/);
  const before = sim.control.requests().length;
  const start = await cli(args('start'), env);
  expect(start.code).toBe(2);
  expect(start.stderr).toBe(plan.stderr);
  expect(existsSync(path.join(dir, 'store', 'rollouts'))).toBe(false);
  // Only the fleet was read again (DescribeDBClusters and its tags): nothing sent that changes a cluster.
  const sent = sim.control
    .requests()
    .slice(before)
    .map((r) => r.operation);
  expect(sent.filter((op) => !/^(Describe|List)/.test(op))).toEqual([]);
});

it('with --trust-http the plan is made (the CLI sends to any host)', async () => {
  const plan = await cli(args('plan', '--trust-http'), env);
  expect(plan.stderr).toBe('');
  expect(plan.code).toBe(0);
});
