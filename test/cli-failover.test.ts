/** The README's start path: `switchyard run runbooks/failover.md` against the simulator, as a user runs it. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { startSimulator } from '@switchyard/simulator';
import { cli, REPO } from './support/cli';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';

let sim: Awaited<ReturnType<typeof startSimulator>>;
let store: string;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
  store = mkdtempSync(path.join(tmpdir(), 'switchyard-cli-'));
});
afterEach(async () => {
  await sim.stop();
  rmSync(store, { recursive: true, force: true });
});

const args = () => ['--endpoint', sim.url, '--region', 'us-east-1', '--store', store, '--time-scale', '100'];

async function members(cluster: string) {
  const rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS });
  const out = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: cluster }));
  rds.destroy();
  return out.DBClusters![0].DBClusterMembers!;
}

it('fails prod-app over to the chosen reader and exits 0', async () => {
  const result = await cli([
    'run',
    'runbooks/failover.md',
    '--param',
    'cluster=prod-app',
    '--param',
    'target=prod-app-2',
    '--approve',
    ...args(),
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/✔ \[3\/5\] Fail over/);
  expect(result.stdout).toMatch(/run succeeded/);
  const writer = (await members('prod-app')).find((m) => m.IsClusterWriter)?.DBInstanceIdentifier;
  expect(writer).toBe('prod-app-2');
});

it('without a target, promotes the tier-aware default (lowest tier, then largest class)', async () => {
  const result = await cli(['run', 'runbooks/failover.md', '--param', 'cluster=prod-app', '--approve', '--json', ...args()]);
  expect(result.code).toBe(0);
  const events = result.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; stepId?: string; output?: { target?: string } });
  const chosen = events.find((e) => e.type === 'step' && e.stepId === 'before' && e.output)?.output?.target;
  expect(chosen).toBe('prod-app-1');
  expect((await members('prod-app')).find((m) => m.IsClusterWriter)?.DBInstanceIdentifier).toBe('prod-app-1');
});

it('dry-run sends no mutating call and leaves the writer where it was', async () => {
  const result = await cli(['run', 'runbooks/failover.md', '--param', 'cluster=prod-app', '--approve', '--dry-run', ...args()]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/dry-run: would call FailoverDBCluster/);
  expect((await members('prod-app')).find((m) => m.IsClusterWriter)?.DBInstanceIdentifier).toBe('prod-app-0');
});

it('rejects a missing param before anything runs, with exit 2', async () => {
  const result = await cli(['run', 'runbooks/failover.md', '--approve', ...args()]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/cluster/);
});

it('without --approve and without a terminal, stops at the approval with exit 3; approve from another process finishes it', async () => {
  const first = await cli(['run', 'runbooks/failover.md', '--param', 'cluster=prod-app', ...args()]);
  expect(first.code).toBe(3);
  const runId = /switchyard approve (run-[\w-]+)/.exec(first.stderr)?.[1];
  expect(runId).toBeDefined();
  const approved = await cli(['approve', runId!, '--as', 'bob', ...args()]);
  expect(approved.code).toBe(0);
  expect(approved.stdout).toMatch(/now succeeded/);
  const listed = await cli(['runs', ...args()]);
  expect(listed.stdout).toMatch(new RegExp(`${runId}\\s+succeeded`));
});

it('a second failover of the same cluster is refused while the first holds the lock', async () => {
  const first = await cli(['run', 'runbooks/failover.md', '--param', 'cluster=prod-app', ...args()]);
  expect(first.code).toBe(3);
  const second = await cli(['run', 'runbooks/failover.md', '--param', 'cluster=prod-app', '--approve', ...args()]);
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(/rds-cluster:prod-app@\d{12}\/us-east-1 is locked by run run-/);
});

it('topology shows writer, readers, AZ, class and tier', async () => {
  const result = await cli(['topology', 'prod-app', ...args()]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/writer\s+prod-app-0\s+us-east-1a\s+db\.r6g\.xlarge\s+tier 0\s+available/);
  expect(result.stdout).toMatch(/reader\s+prod-app-analytics\s+us-east-1a\s+db\.r6g\.large\s+tier 15/);
});

it('approver groups work in the CLI too: --groups (or SWITCHYARD_GROUPS) names yours; a control without its reason is a usage error', async () => {
  const runbook = path.join(store, 'gated.md');
  writeFileSync(
    runbook,
    [
      '---',
      'title: Gated check',
      'params:',
      '  cluster: { type: rds-cluster, required: true, description: The cluster }',
      '---',
      '# Gated check',
      '',
      '## Decide {#decide}',
      '',
      '```approve',
      'message: Check {{ cluster }}?',
      'approvers: [sre-leads]',
      '```',
      '',
      '## Check {#check}',
      '',
      '```check',
      'observe:',
      '  cluster: { cluster: "{{ cluster }}" }',
      'expect:',
      '  - that: cluster.status == "available"',
      '    message: the cluster is not available',
      '```',
      '',
    ].join('\n'),
  );
  const first = await cli(['run', runbook, '--param', 'cluster=prod-app', '--as', 'alice', ...args()]);
  expect(first.code).toBe(3);
  const runId = /switchyard approve (run-[\w-]+)/.exec(first.stderr)?.[1];
  expect(runId).toBeDefined();

  const outsider = await cli(['approve', runId!, '--as', 'bob', '--groups', 'payments', ...args()]);
  expect(outsider.code).toBe(1);
  expect(outsider.stderr).toMatch(/bob may not approve this step; allowed approvers: sre-leads/);
  const noReason = await cli(['reject', runId!, '--as', 'bob', ...args()]);
  expect(noReason.code).toBe(2);
  expect(noReason.stderr).toMatch(/a reason is required to reject a step/);

  const member = await cli(['approve', runId!, '--as', 'bob', ...args()], { SWITCHYARD_GROUPS: 'payments, sre-leads' });
  expect(member.stderr).toBe('');
  expect(member.code).toBe(0);
  expect(member.stdout).toMatch(/now succeeded/);
});

it('locks shows what open runs hold, canonically named; the lock ends with its run', async () => {
  const first = await cli(['run', 'runbooks/failover.md', '--param', 'cluster=PROD-APP', ...args()]);
  expect(first.code).toBe(3);
  const runId = /switchyard approve (run-[\w-]+)/.exec(first.stderr)?.[1];
  const held = await cli(['locks', ...args()]);
  expect(held.stdout).toMatch(new RegExp(`rds-cluster:prod-app@\\d{12}/us-east-1  held by ${runId} \\(waiting-approval`));
  const arn = await cli([
    'run',
    'runbooks/failover.md',
    '--param',
    'cluster=arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
    ...args(),
  ]);
  expect(arn.code).toBe(1);
  expect(arn.stderr).toMatch(new RegExp(`is locked by run ${runId}`));
  expect((await cli(['abort', runId!, '--reason', 'rehearsal over', ...args()])).code).toBe(0);
  expect((await cli(['locks', ...args()])).stdout).toMatch(/no locks/);
});

it('a dry run never prints a password: the member AWS marks sensitive and a secret param are redacted', async () => {
  const runbook = path.join(store, 'create.md');
  writeFileSync(
    runbook,
    [
      '---',
      'title: Create a cluster',
      'params:',
      '  cluster: { type: string, required: true }',
      '  password: { type: string, required: true, secret: true }',
      'locks: ["rds-cluster:{{ cluster }}"]',
      '---',
      '# Create a cluster',
      '',
      '## Create {#create}',
      '',
      '```aws',
      'aws rds create-db-cluster --db-cluster-identifier {{ cluster }} --engine aurora-postgresql --master-username admin --master-user-password {{ password }}',
      '```',
      '',
    ].join('\n'),
  );
  const result = await cli(['run', runbook, '--param', 'cluster=new-db', '--param', 'password=S3cret-Passw0rd!', '--dry-run', ...args()]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/would call CreateDBCluster .*"MasterUserPassword":"\[sensitive\]"/);
  expect(result.stdout + result.stderr).not.toContain('S3cret-Passw0rd!');
  const stored = readdirSync(path.join(store, 'runs')).map((f) => readFileSync(path.join(store, 'runs', f), 'utf8'));
  expect(stored.join('')).not.toContain('S3cret-Passw0rd!');
});

describe('hostile input to run: exit 2 with a message naming the problem and the fix; nothing recorded, nothing sent', () => {
  let requests: number;
  let server: Server;
  let endpoint: string;
  beforeEach(async () => {
    requests = 0;
    server = createServer((_, res) => {
      requests++;
      res.statusCode = 500;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = (...argv: string[]) => cli(['run', ...argv, '--approve', '--endpoint', endpoint, '--region', 'us-east-1', '--store', store]);
  const nothingHappened = () => {
    expect(requests).toBe(0);
    expect(existsSync(path.join(store, 'runs')) ? readdirSync(path.join(store, 'runs')) : []).toEqual([]);
  };

  it('a param given twice', async () => {
    const result = await run('runbooks/failover.md', '--param', 'cluster=prod-app', '--param', 'cluster=billing-db');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      '--param cluster is given twice ("prod-app", then "billing-db"); nothing was run\n  hint: give each param once: --param cluster=<the one you mean>\n',
    );
    nothingHappened();
  });

  it('a runbook path that does not exist, or is a directory', async () => {
    const missing = await run('runbooks/failovr.md', '--param', 'cluster=prod-app');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^runbooks\/failovr\.md:1:1: error: no such runbook file\n {2}hint: check the path/);
    const directory = await run('runbooks', '--param', 'cluster=prod-app');
    expect(directory.code).toBe(2);
    expect(directory.stderr).toMatch(
      /^runbooks:1:1: error: this is a directory \(holding \d+ runbooks\), not a runbook file\n {2}hint: name one runbook file in it, e.g\. runbooks\/failover\.md\n$/,
    );
    nothingHappened();
  });

  it('a second runbook path, or a param without --param', async () => {
    const two = await run('runbooks/failover.md', 'runbooks/detect.md', '--param', 'cluster=prod-app');
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^run takes one runbook, but was given 2: runbooks\/failover\.md, runbooks\/detect\.md; nothing was run\n/);
    const bare = await run('runbooks/failover.md', 'cluster=prod-app');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(
      /unexpected argument "cluster=prod-app" after the runbook runbooks\/failover\.md\n {2}hint: params need --param: --param cluster=prod-app/,
    );
    nothingHappened();
  });

  it('a runbook over the size limit is refused before it is read', async () => {
    const huge = path.join(store, 'huge.md');
    writeFileSync(huge, `${readFileSync(path.join(REPO, 'runbooks/detect.md'), 'utf8')}\n${'Filler prose.\n'.repeat(4_000_000)}`);
    const result = await run(huge, '--param', 'cluster=prod-app');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/huge\.md:1:1: error: the file is 5\d\.\d MiB; a runbook may be at most 1\.0 MiB\n {2}hint: split it/);
    expect(requests).toBe(0);
  });
});

it('an expression that would build a billion-element list fails its step with the limit named, and the CLI exits 1', async () => {
  let doubling = 'size(x) > 0';
  for (let i = 0; i < 30; i++) doubling = `cel.bind(x, x + x, ${doubling})`;
  const runbook = path.join(store, 'doubling.md');
  writeFileSync(
    runbook,
    `---\ntitle: Doubling\n---\n\n## Check {#check}\n\n\`\`\`check\nexpect:\n  - that: 'cel.bind(x, [1], ${doubling})'\n\`\`\`\n`,
  );
  const result = await cli(['run', runbook, ...args()]);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/stopped: it built a list or map of more than 100,000 elements, the limit/);
  const listed = await cli(['runs', ...args()]);
  expect(listed.stdout).toMatch(/failed\s+Doubling/);
});

it('a corrupt or empty run file is named, left out of `runs`, and holds back only runs that take locks', async () => {
  const first = await cli(['run', 'runbooks/failover.md', '--param', 'cluster=prod-app', ...args()]);
  expect(first.code).toBe(3);
  const runId = /switchyard approve (run-[\w-]+)/.exec(first.stderr)![1];
  await cli(['abort', runId, '--reason', 'rehearsal over', ...args()]);
  const broken = path.join(store, 'runs', 'run-20260101000000-dead00.json');
  writeFileSync(broken, '');
  const corrupt = path.join(store, 'runs', 'run-20260101000000-dead01.json');
  writeFileSync(corrupt, '{"id": "run-20260101000000-dead01", "status": "runn');

  const listed = await cli(['runs', ...args()]);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(new RegExp(`^${runId}\\s+aborted`));
  expect(listed.stderr).toContain(`switchyard: a run is left out: cannot read ${broken}: the file is empty;`);
  expect(listed.stderr).toContain(`switchyard: a run is left out: cannot read ${corrupt}: not valid JSON (`);

  const mutating = await cli(['run', 'runbooks/failover.md', '--param', 'cluster=prod-app', '--approve', ...args()]);
  expect(mutating.code).toBe(1);
  expect(mutating.stderr).toMatch(
    /^switchyard: cannot read .*run-20260101000000-dead0[01]\.json: .*\(and 1 more unreadable run file\(s\): .*\); it may be an open run holding a lock this run needs, so no run that takes locks starts until it is readable again\. Look at it; if that run no longer matters, move it out of the store \(mv /,
  );
  const readOnly = await cli(['run', 'runbooks/detect.md', '--param', 'cluster=prod-app', ...args()]);
  expect(readOnly.code).toBe(0);
});
