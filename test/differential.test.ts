/**
 * Differential test of the engine's AWS CLI parser: every `aws` line in runbooks/ is sent once by
 * the Switchyard engine's path (parseAwsCli → SDK v3) and once by the real AWS CLI, to the same
 * simulator; the simulator must receive the same Action and the same wire parameters.
 */
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  awsOperationInfo,
  parseAwsCli,
  parseRunbook,
  SdkAwsGateway,
  type AwsServiceName,
  type Block,
  SIMULATOR_CREDENTIALS,
} from '@switchyard/core';
import { startSimulator, type RequestLogEntry } from '@switchyard/simulator';
import { REPO } from './support/cli';

const run = promisify(execFile);

interface AwsLine {
  where: string;
  source: string;
}

function awsLines(): AwsLine[] {
  const lines: AwsLine[] = [];
  const dir = path.join(REPO, 'runbooks');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const { runbook } = parseRunbook(file, readFileSync(path.join(dir, file), 'utf8'));
    const steps = [...(runbook?.steps ?? []), ...(runbook?.rollback ?? [])];
    for (const step of steps) {
      for (const block of [...step.blocks, ...step.rollbackBlocks] as Block[]) {
        if (block.kind === 'aws') lines.push({ where: `${file}:${block.pos.line}`, source: block.source });
      }
    }
  }
  return lines;
}

/**
 * Replaces each `{{ expr }}` by a stable sample value of its flag's type (from the SDK model), so
 * both clients send the same concrete line. `--region` takes a real region name (it is checked).
 */
function concrete(source: string): string {
  const [, service, operation] = source.trim().split(/\s+/);
  const flags = new Map((awsOperationInfo(service, operation)?.flags ?? []).map((f) => [f.flag, f.type]));
  const sample = (expr: string) => `sample-${expr.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  return source
    .replace(/(--[a-z0-9-]+)(\s+)\{\{\s*(.*?)\s*\}\}/g, (_m, flag: string, space: string, expr: string) => {
      const numeric = /integer|long|double|float|number/i.test(flags.get(flag) ?? '');
      return `${flag}${space}${flag === '--region' ? 'eu-west-1' : numeric ? '300' : sample(expr)}`;
    })
    .replace(/\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => sample(expr));
}

const LINES = awsLines();
let sim: Awaited<ReturnType<typeof startSimulator>>;
let cliAvailable = true;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
  cliAvailable = await run('aws', ['--version']).then(
    () => true,
    () => false,
  );
});
afterAll(async () => {
  await sim.stop();
});

it('finds the aws lines of the shipped runbooks', () => {
  expect(LINES.length).toBeGreaterThanOrEqual(4);
});

it.each(LINES.map((l) => [l.where, l] as const))('%s: engine and AWS CLI send the same request', async (_where, line) => {
  if (!cliAvailable) throw new Error('the AWS CLI is not installed: apt-get install awscli (test/support/system-deps.sh does it as root)');
  const text = concrete(line.source);
  const parsed = parseAwsCli(text);
  if (!parsed.ok) throw new Error(`${line.where}: ${JSON.stringify(parsed.errors)}`);
  const region = typeof parsed.globals.region === 'string' ? parsed.globals.region : 'us-east-1';

  sim.control.clearRequests();
  const aws = new SdkAwsGateway({ region, endpoint: sim.url, maxAttempts: 1 });
  await aws.call(parsed.command.service as AwsServiceName, parsed.command.operation, parsed.command.input).catch(() => undefined);
  aws.destroy();
  const fromEngine = sim.control.requests().at(-1) as RequestLogEntry;

  sim.control.clearRequests();
  const argv = tokens(text).slice(1);
  await run('aws', [...argv, '--endpoint-url', sim.url, '--output', 'json', ...(argv.includes('--region') ? [] : ['--region', region])], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
      AWS_MAX_ATTEMPTS: '1',
      AWS_PAGER: '',
    },
  }).catch(() => undefined);
  const fromCli = sim.control.requests().at(-1) as RequestLogEntry;

  expect(fromEngine).toBeDefined();
  expect(fromCli).toBeDefined();
  expect(fromEngine.operation).toBe(fromCli.operation);
  expect(fromEngine.wireParams ?? fromEngine.params).toEqual(fromCli.wireParams ?? fromCli.params);
});

/** Shell-style split of a concrete (template-free) line: quotes and backslash-newlines. */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  const flat = text.replace(/\\\n/g, ' ');
  for (const m of flat.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}
