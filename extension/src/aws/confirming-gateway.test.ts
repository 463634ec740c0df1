import { AwsCallError, fetchClusterView, observerFor, SdkAwsGateway, type CallAuditEntry } from '@switchyard/core';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { Confirmations } from './confirmations';
import { ConfirmingAwsGateway, type ConfirmationPhase } from './confirming-gateway';
import type { MutationRequest } from './mutation-request';

let sim: RunningSimulator;
let sdk: SdkAwsGateway;
let asked: MutationRequest[];
let gateway: ConfirmingAwsGateway;

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo' });
  sdk = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
});
afterAll(async () => {
  sdk.destroy();
  await sim.stop();
});
beforeEach(() => {
  asked = [];
  gateway = new ConfirmingAwsGateway(sdk, {
    sandbox: true,
    operator: () => 'alice',
    confirm: async (request) => (asked.push(request), false),
  });
});

const sent = (operation: string) => sim.control.requests().filter((r) => r.operation === operation).length;

it('a declined change is not sent and, with nowhere to pause, fails as not applied with what to do next', async () => {
  const error = await gateway.call('rds', 'FailoverDBCluster', { DBClusterIdentifier: 'prod-app' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AwsCallError);
  expect(error).toMatchObject({
    code: 'DeclinedByOperator',
    notApplied: true,
    retryable: false,
    hint: 'retry the step to be asked again, or skip or abort it',
  });
  expect(asked.map((r) => [r.operation, r.sandbox])).toEqual([['FailoverDBCluster', true]]);
  expect(sent('FailoverDBCluster')).toBe(0);
});

it('typed reads go straight through, without asking', async () => {
  const view = await fetchClusterView(gateway, 'prod-app');
  expect(view.writer).toBe('prod-app-0');
  expect(asked).toEqual([]);
});

it('records who confirmed, the account and that it was the sandbox in the run’s audit trail', async () => {
  const audit: CallAuditEntry[] = [];
  const confirming = new ConfirmingAwsGateway(sdk, { sandbox: true, operator: () => 'alice', confirm: async () => true });
  await confirming.call('rds', 'RebootDBInstance', { DBInstanceIdentifier: 'prod-app-1' }, { audit: async (e) => void audit.push(e) });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actor: 'alice', action: 'confirmed RebootDBInstance' });
  expect(audit[0].detail).toMatch(/^Reboot DB instance prod-app-1: prod-app-1 in the SANDBOX \(local simulator, us-east-1\)/);
  expect(audit[0].detail).toMatch(/caller arn:aws:/);
});

it('declining pauses the call, nothing sent; "ask again" asks again and a yes sends it once', async () => {
  const confirmations = new Confirmations();
  const phases: ConfirmationPhase[] = [];
  const audit: CallAuditEntry[] = [];
  const answers = [false, true];
  const before = sent('RebootDBInstance');
  const pausing = new ConfirmingAwsGateway(sdk, {
    sandbox: true,
    operator: () => 'bob',
    confirm: async () => answers.shift()!,
    paused: (request, signal) => confirmations.paused(request, signal),
    onPhase: (phase, request) => {
      phases.push(phase);
      confirmations.phase('sandbox', phase, request);
    },
  });
  const call = pausing.call(
    'rds',
    'RebootDBInstance',
    { DBInstanceIdentifier: 'prod-app-analytics' },
    { audit: async (e) => void audit.push(e) },
  );
  await until(() => confirmations.list()[0]?.phase === 'paused');
  expect(confirmations.list('sandbox')).toMatchObject([{ phase: 'paused', action: 'Reboot DB instance prod-app-analytics' }]);
  expect(sent('RebootDBInstance')).toBe(before);
  expect(confirmations.resume(confirmations.list()[0].id)).toBe(true);
  await call;
  expect(sent('RebootDBInstance')).toBe(before + 1);
  expect(phases).toEqual(['asking', 'paused', 'asking', 'settled']);
  expect(confirmations.list()).toEqual([]);
  expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['bob declined RebootDBInstance', 'bob confirmed RebootDBInstance']);
  expect(audit[0].detail).toMatch(/not sent: .*the step is paused until asked again$/);
});

it('a paused call whose run is aborted fails as not applied and is never sent', async () => {
  const confirmations = new Confirmations();
  const before = sent('RebootDBInstance');
  const pausing = new ConfirmingAwsGateway(sdk, {
    sandbox: false,
    operator: () => 'bob',
    confirm: async () => false,
    paused: (request, signal) => confirmations.paused(request, signal),
    onPhase: (phase, request) => confirmations.phase('aws:prod@us-east-1', phase, request),
  });
  const stop = new AbortController();
  const call = pausing
    .call('rds', 'RebootDBInstance', { DBInstanceIdentifier: 'prod-app-1' }, { signal: stop.signal })
    .catch((e: unknown) => e);
  await until(() => confirmations.list()[0]?.phase === 'paused');
  expect(confirmations.list()[0].where).toMatch(/^REAL AWS account \d{12}, us-east-1$/);
  stop.abort();
  await expect(call).resolves.toMatchObject({ code: 'DeclinedByOperator', notApplied: true });
  expect(sent('RebootDBInstance')).toBe(before);
  expect(confirmations.list()).toEqual([]);
  expect(confirmations.resume(1)).toBe(false);
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

it('shares observations as the gateway it wraps does: the runs of a target share one observer', async () => {
  expect(gateway.sharedObservations).toBe(true);
  expect(observerFor(gateway)).toBeDefined();
  expect(observerFor(gateway)).toBe(observerFor(gateway, 'us-east-1'));
  const view = await observerFor(gateway)!.cluster('prod-app', { maxAgeMs: 1000 });
  expect(view.writer).toBe('prod-app-0');
  expect(asked).toEqual([]);
});
