/** rebuild-redundancy.md end to end: readers back in every AZ, promotion tiers reset, RTO/RPO recorded. */
import { eventually, RunbookHarness, type InstanceState } from '../support/runbook-harness';

let h: RunbookHarness;

beforeEach(async () => {
  h = await RunbookHarness.start(500);
});
afterEach(async () => {
  await h.close();
});

/** Every AZ of the cluster hosts the writer or an available reader at the failover tier. */
function failoverCapableAzs(instances: InstanceState[]): string[] {
  return [...new Set(instances.filter((i) => i.status === 'available' && (i.isWriter || i.tier === 1)).map((i) => i.az))].sort();
}

it('after the writer crashed for good: a reader is added in its AZ, the new writer gets tier 0, RTO and RPO are recorded', async () => {
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0', permanent: true });
  await eventually(async () => expect(await h.writer('prod-app')).toBe('prod-app-1'));
  const result = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);

  const instances = await h.instances('prod-app');
  expect(instances.map((i) => [i.id, i.az, i.isWriter ? 'writer' : 'reader', i.tier, i.status])).toEqual([
    ['prod-app-0', 'us-east-1a', 'reader', 0, 'failed'],
    ['prod-app-1', 'us-east-1b', 'writer', 0, 'available'],
    ['prod-app-2', 'us-east-1c', 'reader', 1, 'available'],
    ['prod-app-a', 'us-east-1a', 'reader', 1, 'available'],
    ['prod-app-analytics', 'us-east-1a', 'reader', 15, 'available'],
  ]);
  expect(instances.find((i) => i.id === 'prod-app-a')!.class).toBe('db.r6g.xlarge');
  expect(failoverCapableAzs(instances)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  expect(h.mutations().map((r) => [r.operation, r.params])).toEqual([
    [
      'CreateDBInstance',
      expect.objectContaining({
        DBInstanceIdentifier: 'prod-app-a',
        DBClusterIdentifier: 'prod-app',
        AvailabilityZone: 'us-east-1a',
        PromotionTier: 1,
        DBInstanceClass: 'db.r6g.xlarge',
      }),
    ],
    ['ModifyDBInstance', { DBInstanceIdentifier: 'prod-app-1', PromotionTier: 0 }],
  ]);
  expect(result.outputs.plan).toMatchObject({ failed: ['prod-app-0'], new_readers: [{ az: 'us-east-1a', id: 'prod-app-a' }] });
  const rto = result.outputs.rto_rpo as Record<string, number | string>;
  expect(rto.rpo_seconds).toBe(0);
  expect(rto.rto_writer_seconds).toBeGreaterThan(0);
  expect(rto.rto_whole_seconds).toBeGreaterThan(rto.rto_writer_seconds as number);
  expect(Date.parse(rto.whole_again_at as string)).toBeGreaterThan(Date.parse(rto.writer_back_at as string));
  expect(result.outputs.global).toEqual({ secondaries: ['prod-app-eu (eu-west-1) connected'] });
});

it('after an AZ outage that has ended: the recovered instances suffice, only the tiers are reset', async () => {
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a' });
  await eventually(async () => expect(await h.writer('prod-app')).toBe('prod-app-1'));
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a', end: true });
  // The instances of the AZ reboot after the outage; the runbook is for when they are back.
  await eventually(async () => expect((await h.instances('prod-app')).every((i) => i.status === 'available')).toBe(true));
  const result = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(result.code).toBe(0);
  const instances = await h.instances('prod-app');
  expect(instances.map((i) => [i.id, i.az, i.isWriter ? 'writer' : 'reader', i.tier, i.status])).toEqual([
    ['prod-app-0', 'us-east-1a', 'reader', 1, 'available'],
    ['prod-app-1', 'us-east-1b', 'writer', 0, 'available'],
    ['prod-app-2', 'us-east-1c', 'reader', 1, 'available'],
    ['prod-app-analytics', 'us-east-1a', 'reader', 15, 'available'],
  ]);
  expect(failoverCapableAzs(instances)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  expect(
    h
      .mutations()
      .map((r) => [r.operation, r.params.DBInstanceIdentifier, r.params.PromotionTier])
      .sort(),
  ).toEqual([
    ['ModifyDBInstance', 'prod-app-0', 1],
    ['ModifyDBInstance', 'prod-app-1', 0],
  ]);
  expect((result.outputs.rto_rpo as Record<string, number>).rto_whole_seconds).toBeGreaterThan(0);
});

it('fault: while the AZ is still down the reader for it cannot be created; the run fails with AWS’s reason', async () => {
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a' });
  await eventually(async () => expect(await h.writer('prod-app')).toBe('prod-app-1'));
  const result = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/create-db-instance failed: InsufficientDBInstanceCapacity.*us-east-1a/);
  expect(h.mutations().map((r) => [r.operation, r.status])).toEqual([['CreateDBInstance', 400]]);
  expect((await h.instances('prod-app')).map((i) => i.id)).not.toContain('prod-app-a');
});

it('guard: while the writer’s failover hangs, nothing is added', async () => {
  h.sim.control.injectFault({ type: 'failover', mode: 'hang', clusterId: 'prod-app' });
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0', permanent: true });
  const result = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: the cluster has no available writer \(status failing-over\)/);
  expect(h.mutations()).toEqual([]);
});
