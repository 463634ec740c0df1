/**
 * Secrets never land in the run record (issue: `--master-user-password {{ password }}` was printed
 * by the dry run and stored five times in the run, and params went to the audit log): members AWS
 * marks sensitive are redacted wherever a call is logged or recorded, and `secret: true` params are
 * held in memory only, scrubbed from every log, error and output.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from './engine';
import { FileRunStore } from './file-run-store';
import { NodeShellGateway } from './node-shell';
import { FakeAws } from './testing/fake-aws';

const PASSWORD = 'Tr0ub4dor&3-hunter2';

const RUNBOOK = `---
title: Create a cluster
params:
  cluster: { type: string, required: true }
  password: { type: string, required: true, secret: true, description: Master password }
locks: ["rds-cluster:{{ cluster }}"]
---
# Create a cluster

## Create {#create}

\`\`\`aws
aws rds create-db-cluster --db-cluster-identifier {{ cluster }} --engine aurora-postgresql --master-username admin --master-user-password {{ password }}
\`\`\`

## Tell {#tell}

\`\`\`sh
echo "the password is $SWITCHYARD_PARAM_PASSWORD"
\`\`\`
`;

let dir: string;
let engines: Engine[];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-secrets-'));
  engines = [];
});
afterEach(async () => {
  await Promise.all(engines.map((e) => e.shutdown()));
  rmSync(dir, { recursive: true, force: true });
});

function engine(): Engine {
  const e = new Engine({ store: new FileRunStore(dir), aws: new FakeAws(), shell: new NodeShellGateway(), allowShell: true });
  engines.push(e);
  return e;
}

/** Every byte the store wrote. */
const stored = () =>
  readdirSync(path.join(dir, 'runs'))
    .map((f) => readFileSync(path.join(dir, 'runs', f), 'utf8'))
    .join('\n');

it('a secret param is sent to AWS and to the script, and is nowhere in the run record', async () => {
  const aws = new FakeAws();
  const e = new Engine({ store: new FileRunStore(dir), aws, shell: new NodeShellGateway(), allowShell: true });
  engines.push(e);
  const run = await e.start({ file: 'create.md', source: RUNBOOK, params: { cluster: 'new-db', password: PASSWORD }, startedBy: 'alice' });
  const ended = await e.settled(run.id);
  expect(ended.status).toBe('succeeded');
  expect(aws.calls.find((c) => c.operation === 'CreateDBCluster')?.input.MasterUserPassword).toBe(PASSWORD);
  expect(ended.params.password).toBe('[secret]');
  expect(ended.steps[1].log.map((l) => l.text)).toContain('the password is [secret]');
  expect(ended.steps[0].log.join()).not.toContain(PASSWORD);
  expect(ended.audit[0].detail).toContain('"password":"[secret]"');
  expect(stored()).not.toContain(PASSWORD);
});

it('a dry run previews the call with the members AWS marks sensitive redacted', async () => {
  const e = engine();
  const run = await e.start({
    file: 'create.md',
    source: RUNBOOK,
    params: { cluster: 'new-db', password: PASSWORD },
    startedBy: 'alice',
    dryRun: true,
  });
  const ended = await e.settled(run.id);
  const preview = ended.steps[0].log.map((l) => l.text).find((t) => t.startsWith('dry-run: would call CreateDBCluster'));
  expect(preview).toMatch(/"MasterUserPassword":"\[(sensitive|secret)\]"/);
  expect(ended.steps[0].output).toMatchObject({ input: { MasterUserPassword: '[sensitive]' } });
  expect(stored()).not.toContain(PASSWORD);
});

it('a sensitive member typed into the runbook itself is redacted from what the run logs and records of the call', async () => {
  const literal = RUNBOOK.replace('{{ password }}', 'literal-pass-9911').replace(/\n## Tell[\s\S]*$/, '\n');
  const e = engine();
  const run = await e.start({ file: 'create.md', source: literal, params: { cluster: 'new-db', password: 'x' }, startedBy: 'alice' });
  const ended = await e.settled(run.id);
  expect(ended.status).toBe('succeeded');
  // (The runbook's own text is kept with the run, as written: a password typed into a runbook is in the runbook.)
  const { runbook: _source, ...record } = ended;
  expect(JSON.stringify(record)).not.toContain('literal-pass-9911');
  expect(ended.steps[0].log.find((l) => l.text.startsWith('calling CreateDBCluster'))?.text).toContain(
    '"MasterUserPassword":"[sensitive]"',
  );
});

it('a process without the secret (the one that started the run stopped) fails the step until the secret is given again', async () => {
  const first = engine();
  const gated = RUNBOOK.replace(
    '## Create {#create}',
    '## Wait {#wait}\n\n```approve\nmessage: go?\nfour-eyes: false\n```\n\n## Create {#create}',
  );
  const run = await first.start({
    file: 'create.md',
    source: gated,
    params: { cluster: 'new-db', password: PASSWORD },
    startedBy: 'alice',
  });
  await first.settled(run.id);
  await first.shutdown();
  const second = engine(); // a new process: it never saw the password
  await second.control(run.id, { action: 'approve' }, { name: 'alice' });
  const failed = await second.settled(run.id);
  expect(failed.status).toBe('failed');
  expect(failed.steps[1].error).toMatch(/needs its secret param password, which is never stored/);
  await expect(second.resume(run.id, { secrets: { cluster: 'x' } })).rejects.toThrow(/cluster is not a secret param/);
  await second.resume(run.id, { secrets: { password: PASSWORD } });
  await second.control(run.id, { action: 'retry' }, { name: 'alice' });
  expect((await second.settled(run.id)).status).toBe('succeeded');
  expect(stored()).not.toContain(PASSWORD);
});
