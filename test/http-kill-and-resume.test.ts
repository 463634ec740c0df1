/**
 * Crash safety of http blocks with a real process: the CLI is SIGKILLed while a POST is out and
 * unanswered; `runs --resume` in a new process does not send it again but hands the step to the
 * operator, who skips it with a reason once they have checked the service.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Run } from '@switchyard/core';
import {
  DRAIN_WRITES_RUNBOOK,
  MAINTENANCE_TOKEN_ENV,
  startMaintenanceEndpoint,
  type MaintenanceEndpoint,
} from '../shared/core/src/blocks/http/testing/maintenance-endpoint';
import { cli, runCli } from './support/cli';

const TOKEN = 'tok-kill-2b3c4d5e';
let endpoint: MaintenanceEndpoint; // never answers: the process is killed with the request out
let base: string;
let dir: string;

beforeAll(async () => {
  endpoint = await startMaintenanceEndpoint({ hold: true });
  base = endpoint.base;
});
afterAll(() => endpoint.stop());
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-http-kill-'));
  endpoint.clear();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// No AWS call is made (the lock names no AWS resource); the endpoint only has to be syntactically there.
const common = () => ['--store', path.join(dir, 'store'), '--endpoint', 'http://127.0.0.1:9', '--trust-http'];
const env = { [MAINTENANCE_TOKEN_ENV]: TOKEN };

function storedRun(): Run {
  const runs = path.join(dir, 'store', 'runs');
  const [file] = readdirSync(runs).filter((f) => f.endsWith('.json'));
  return JSON.parse(readFileSync(path.join(runs, file), 'utf8')) as Run;
}

it('killed with a POST in flight: resume does not send it again; the operator skips it with a reason', async () => {
  const file = path.join(dir, 'drain.md');
  writeFileSync(file, DRAIN_WRITES_RUNBOOK);
  const reached = endpoint.nextRequest();
  const { child, done } = runCli(['run', file, '--param', `base=${base}`, ...common()], env);
  await reached;
  child.kill('SIGKILL');
  expect((await done).signal).toBe('SIGKILL');
  const killed = storedRun();
  expect(killed.steps[0].inFlight).toMatchObject({ service: 'http', operation: `POST ${base}/maintenance` });
  expect(JSON.stringify(killed)).toContain('Bearer [secret]');

  const resumed = await cli(['runs', '--resume', killed.id, ...common()], env);
  expect(resumed.code).toBe(1);
  expect(endpoint.posts()).toBe(1);
  const failed = storedRun();
  expect(failed.status).toBe('failed');
  expect(failed.steps[0].error).toBe(
    `POST ${base}/maintenance may or may not have taken effect (Switchyard cannot tell from live state whether the http block took effect); check what the http block does, then retry or skip this step with a reason`,
  );

  const skipped = await cli(['skip', killed.id, '--reason', 'orders confirmed it is draining', ...common()], env);
  expect(skipped.code).toBe(0);
  expect(storedRun().status).toBe('succeeded');
  expect(endpoint.posts()).toBe(1);
  expect(
    readdirSync(path.join(dir, 'store', 'runs'))
      .map((f) => readFileSync(path.join(dir, 'store', 'runs', f), 'utf8'))
      .join(''),
  ).not.toContain(TOKEN);
});
