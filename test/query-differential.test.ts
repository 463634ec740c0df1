/**
 * Differential test of `--query`: the same aws lines (seed 003's topology commands and more) run
 * as runbook steps by `switchyard run`, and by the real AWS CLI with `--output json`, against one
 * simulator; each step's output must equal what the AWS CLI prints.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';
import { startSimulator } from '@switchyard/simulator';
import { cli } from './support/cli';

const run = promisify(execFile);

/** [step id, AWS CLI arguments after `aws`] — each query once as a shell would pass it. */
const LINES: Array<[string, string[]]> = [
  [
    'roles',
    [
      'rds',
      'describe-db-clusters',
      '--db-cluster-identifier',
      'prod-app',
      '--query',
      'DBClusters[0].DBClusterMembers[].{id:DBInstanceIdentifier,writer:IsClusterWriter,status:DBClusterParameterGroupStatus}',
    ],
  ],
  [
    'tiers',
    [
      'rds',
      'describe-db-instances',
      '--query',
      'DBInstances[?DBClusterIdentifier==`prod-app`].{id:DBInstanceIdentifier,tier:PromotionTier,class:DBInstanceClass}',
    ],
  ],
  ['zones', ['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app', '--query', 'DBClusters[0].AvailabilityZones']],
  [
    'writer',
    [
      'rds',
      'describe-db-clusters',
      '--query',
      "DBClusters[?DBClusterIdentifier=='prod-app'] | [0].DBClusterMembers[?IsClusterWriter] | [0].DBInstanceIdentifier",
    ],
  ],
  ['count', ['rds', 'describe-db-instances', '--query', 'length(DBInstances)']],
  ['nothing', ['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app', '--query', 'DBClusters[0].NoSuchMember']],
];

/** The line as a runbook writes it: the query in single quotes, or double ones when it holds a single quote. */
const quote = (q: string) => (q.includes("'") ? `"${q}"` : `'${q}'`);
const asRunbookLine = (argv: string[]) =>
  ['aws', ...argv.map((a, i) => (argv[i - 1] === '--query' ? quote(a) : a)), '--output', 'table'].join(' ');

let sim: Awaited<ReturnType<typeof startSimulator>>;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-query-'));
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('each step output equals what `aws … --query … --output json` prints', async () => {
  const runbook = path.join(dir, 'queries.md');
  writeFileSync(
    runbook,
    [
      '---',
      'title: Queries',
      '---',
      '# Queries',
      ...LINES.flatMap(([id, argv]) => ['', `## ${id} {#${id}}`, '', '```aws', asRunbookLine(argv), '```']),
      '',
    ].join('\n'),
  );
  const result = await cli(['run', runbook, '--json', '--endpoint', sim.url, '--region', 'us-east-1', '--store', path.join(dir, 'store')]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const outputs = new Map<string, unknown>();
  for (const line of result.stdout.trim().split('\n')) {
    const event = JSON.parse(line) as { type: string; stepId?: string; status?: string; output?: unknown };
    if (event.type === 'step' && event.status === 'succeeded') outputs.set(event.stepId!, event.output ?? null);
  }

  for (const [id, argv] of LINES) {
    const printed = await run('aws', [...argv, '--endpoint-url', sim.url, '--region', 'us-east-1', '--output', 'json'], {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
        AWS_MAX_ATTEMPTS: '1',
        AWS_PAGER: '',
      },
    });
    // The AWS CLI prints nothing for a query that selects nothing (None).
    const fromCli: unknown = printed.stdout.trim() === '' ? null : JSON.parse(printed.stdout);
    expect({ id, output: outputs.get(id) }).toEqual({ id, output: fromCli });
  }
  expect(outputs.get('zones')).toEqual(expect.arrayContaining([expect.stringMatching(/^us-east-1[a-f]$/)]));
});
