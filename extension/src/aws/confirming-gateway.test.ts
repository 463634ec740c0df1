import { AwsCallError, fetchClusterView, SdkAwsGateway } from '@switchyard/core';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { ConfirmingAwsGateway } from './confirming-gateway';
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
  gateway = new ConfirmingAwsGateway(sdk, { confirm: async (request) => (asked.push(request), false) });
});

it('a declined change is not sent and fails as not applied, with what to do next', async () => {
  const error = await gateway.call('rds', 'FailoverDBCluster', { DBClusterIdentifier: 'prod-app' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AwsCallError);
  expect(error).toMatchObject({
    code: 'DeclinedByOperator',
    notApplied: true,
    retryable: false,
    hint: 'retry the step to be asked again, or skip or abort it',
  });
  expect(asked.map((r) => r.operation)).toEqual(['FailoverDBCluster']);
  expect(sim.control.requests().map((r) => r.operation)).not.toContain('FailoverDBCluster');
});

it('typed reads go straight through, without asking', async () => {
  const view = await fetchClusterView(gateway, 'prod-app');
  expect(view.writer).toBe('prod-app-0');
  expect(asked).toEqual([]);
});
