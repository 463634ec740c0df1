/** What `switchyard` says in a terminal is true: outputs shown, skips explained, a retry's exit code. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FailoverDBClusterCommand, RDSClient } from '@aws-sdk/client-rds';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';
import { startSimulator } from '@switchyard/simulator';
import { cli } from './support/cli';

let sim: Awaited<ReturnType<typeof startSimulator>>;
let dir: string;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 500 });
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-truth-'));
});
afterEach(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const args = () => ['--endpoint', sim.url, '--region', 'us-east-1', '--store', path.join(dir, 'store'), '--time-scale', '500'];

function runbook(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
}

const RETRY = `---
title: Wait for prod-app-1 to write
---
# Wait for prod-app-1 to write

## Check the writer {#writer}

\`\`\`check
observe:
  cluster: { cluster: prod-app }
expect:
  - that: cluster.writer == "prod-app-1"
    message: "prod-app-1 is not the writer ({{ cluster.writer }} is)"
output:
  writer: cluster.writer
\`\`\`
`;

it('retry exits 1 when the step fails again, and 0 with the outputs once live state holds', async () => {
  const file = runbook('retry.md', RETRY);
  const first = await cli(['run', file, ...args()]);
  expect(first.code).toBe(1);
  const runId = /run (run-[\w-]+)/.exec(first.stdout)?.[1];
  expect(runId).toBeDefined();

  const again = await cli(['retry', runId!, ...args()]);
  expect(again.code).toBe(1);
  expect(again.stdout).toMatch(/run run-[\w-]+ is now failed/);
  expect(again.stdout).toMatch(/prod-app-1 is not the writer \(prod-app-0 is\)/);

  const rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS });
  await rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-1' }));
  rds.destroy();
  let last = again;
  for (let i = 0; i < 50 && last.code !== 0; i++) {
    await new Promise((r) => setTimeout(r, 200)); // the failover completes in simulated time
    last = await cli(['retry', runId!, ...args()]);
  }
  expect(last.code).toBe(0);
  expect(last.stdout).toMatch(/✔ \[1\/1\] Check the writer.*\n( {4}.*\n)* {4}writer: prod-app-1\n/);
  expect(last.stdout).toMatch(/now succeeded/);
});

it('a when: skip says the condition is false, in the terminal and in the run record', async () => {
  const file = runbook(
    'skip.md',
    `---
title: Skip
params:
  mode: { type: string, required: true, description: planned or failover }
---
# Skip

## Only on failover {#only}

\`\`\`check when: mode == "failover"
expect: []
output:
  done: "true"
\`\`\`
`,
  );
  const result = await cli(['run', file, '--param', 'mode=planned', ...args()]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('skipped: condition `mode == "failover"` is false');
  expect(result.stdout).not.toMatch(/not applicable/);
  const json = await cli(['run', file, '--param', 'mode=planned', '--json', ...args()]);
  expect(json.stdout).toContain('"reason":"condition `mode == \\"failover\\"` is false"');
});

it('outputs are printed with secret params redacted', async () => {
  const file = runbook(
    'secret.md',
    `---
title: Secret
params:
  token: { type: string, required: true, secret: true, description: A token }
---
# Secret

## Echo {#echo}

\`\`\`check
expect: []
output:
  said: '"token is " + token'
  length: size(token)
\`\`\`
`,
  );
  const result = await cli(['run', file, '--param', 'token=hunter2-very-secret', ...args()]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/ {4}said: token is \[secret\]\n/);
  expect(result.stdout).toMatch(/ {4}length: 19\n/);
  expect(result.stdout + result.stderr).not.toContain('hunter2');
});

it('validate names the file, line and column of a --query that is not JMESPath, and how to write one', async () => {
  const file = runbook(
    'query.md',
    `---
title: Query
---
# Query

## Zones {#zones}

\`\`\`aws
aws rds describe-db-clusters --db-cluster-identifier prod-app --query 'DBClusters[0].{id:DBClusterIdentifier'
\`\`\`
`,
  );
  const result = await cli(['validate', file]);
  expect(result.code).toBe(1);
  const out = result.stdout + result.stderr;
  expect(out).toMatch(/query\.md:9:\d+: error: --query "DBClusters\[0\]\.\{id:DBClusterIdentifier" is not a JMESPath expression/);
  expect(out).toMatch(/hint: quote the whole expression in single quotes/);
});
