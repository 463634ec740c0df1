/** Crash reconciliation reads AWS state (the simulator, through the real SDK) to decide whether a call took effect. */
import { reconcile, SdkAwsGateway } from '@switchyard/core';
import { startSimulator } from '@switchyard/simulator';

let sim: Awaited<ReturnType<typeof startSimulator>>;
let aws: SdkAwsGateway;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
  aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
});
afterAll(async () => {
  aws.destroy();
  await sim.stop();
});

const verdict = async (operation: string, input: Record<string, unknown>) =>
  (await reconcile(aws, { blockIndex: 0, service: 'rds', operation, input, sentAt: new Date().toISOString() })).verdict;

it('CreateDBInstance: applied once the instance exists', async () => {
  expect(await verdict('CreateDBInstance', { DBInstanceIdentifier: 'prod-app-9' })).toBe('not-applied');
  expect(await verdict('CreateDBInstance', { DBInstanceIdentifier: 'prod-app-1' })).toBe('applied');
});

it('DeleteDBInstance: applied when the instance is gone, not while it is available', async () => {
  expect(await verdict('DeleteDBInstance', { DBInstanceIdentifier: 'prod-app-1' })).toBe('not-applied');
  expect(await verdict('DeleteDBInstance', { DBInstanceIdentifier: 'no-such-instance' })).toBe('applied');
});

it('ModifyDBInstance: compares the requested tier; a missing instance cannot be told', async () => {
  expect(await verdict('ModifyDBInstance', { DBInstanceIdentifier: 'prod-app-analytics', PromotionTier: 15 })).toBe('applied');
  expect(await verdict('ModifyDBInstance', { DBInstanceIdentifier: 'prod-app-analytics', PromotionTier: 2 })).toBe('not-applied');
  expect(await verdict('ModifyDBInstance', { DBInstanceIdentifier: 'no-such-instance', PromotionTier: 2 })).toBe('unknown');
  expect(await verdict('ModifyDBInstance', { DBInstanceIdentifier: 'prod-app-1', NewDBInstanceIdentifier: 'prod-app-2' })).toBe('applied');
});

it('cluster rename and delete, reboot and blue/green create', async () => {
  expect(await verdict('ModifyDBCluster', { DBClusterIdentifier: 'billing-db', NewDBClusterIdentifier: 'billing-db-x' })).toBe(
    'not-applied',
  );
  expect(await verdict('DeleteDBCluster', { DBClusterIdentifier: 'no-such-cluster' })).toBe('applied');
  expect(await verdict('DeleteDBCluster', { DBClusterIdentifier: 'billing-db' })).toBe('not-applied');
  expect(await verdict('RebootDBInstance', { DBInstanceIdentifier: 'prod-app-1' })).toBe('unknown');
  expect(await verdict('CreateBlueGreenDeployment', { BlueGreenDeploymentName: 'prod-app-pg16-upgrade' })).toBe('applied');
  expect(await verdict('CreateBlueGreenDeployment', { BlueGreenDeploymentName: 'nothing-like-it' })).toBe('not-applied');
});

it('blue/green deployments are looked for in the region the call went to', async () => {
  const elsewhere = new SdkAwsGateway({ region: 'eu-west-1', endpoint: sim.url });
  try {
    const call = {
      blockIndex: 0,
      service: 'rds' as const,
      operation: 'CreateBlueGreenDeployment',
      input: { BlueGreenDeploymentName: 'prod-app-pg16-upgrade' },
      region: 'us-east-1',
      sentAt: new Date().toISOString(),
    };
    expect((await reconcile(elsewhere, call)).verdict).toBe('applied');
  } finally {
    elsewhere.destroy();
  }
});
