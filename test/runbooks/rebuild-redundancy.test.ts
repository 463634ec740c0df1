/** rebuild-redundancy.md end to end: readers back in every AZ, promotion tiers reset, RTO/RPO recorded. */
import { cli } from '../support/cli';
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

it('during an AZ outage: no reader is planned in the AZ that is down (AWS could not place it), the AZs that are up are made whole', async () => {
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a' });
  await eventually(async () => expect(await h.writer('prod-app')).toBe('prod-app-1'));
  const result = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.outputs.zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  expect(result.outputs.plan).toMatchObject({ down_azs: ['us-east-1a'], up_zones: ['us-east-1b', 'us-east-1c'], new_readers: [] });
  expect(h.mutations().map((r) => r.operation)).not.toContain('CreateDBInstance');
  expect(h.mutations().every((r) => r.status < 400)).toBe(true);
  expect(result.outputs.verify.still_to_do).toBe('AZ us-east-1a was down: run rebuild-redundancy.md again once it is back');
  expect(failoverCapableAzs(await h.instances('prod-app'))).toEqual(['us-east-1b', 'us-east-1c']);
});

it('an AZ named down by the operator (down_azs) gets no reader, even with one instance there', async () => {
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0', permanent: true });
  await eventually(async () => expect(await h.writer('prod-app')).toBe('prod-app-1'));
  const result = await h.run('rebuild-redundancy.md', { cluster: 'prod-app', down_azs: 'us-east-1a' });
  expect(result.code).toBe(0);
  expect(result.outputs.plan).toMatchObject({ down_azs: ['us-east-1a'], new_readers: [] });
  expect(h.mutations().map((r) => r.operation)).not.toContain('CreateDBInstance');
});

it('retried later, the reader step reads the cluster again: an AZ gone down, then recovered, gets no reader it no longer needs', async () => {
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0', permanent: true });
  await eventually(async () => expect(await h.writer('prod-app')).toBe('prod-app-1'));
  const planned = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' }, { approver: false });
  expect(planned.code).toBe(3);
  expect(planned.outputs.plan).toMatchObject({ down_azs: [], new_readers: [{ az: 'us-east-1a', id: 'prod-app-a' }] });
  const runId = planned.runId!;

  // The AZ goes down between the plan and its approval: nothing is sent into it.
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a' });
  await eventually(async () => expect((await h.instances('prod-app')).find((i) => i.id === 'prod-app-analytics')?.status).toBe('failed'));
  const approved = await h.approve(runId, 'bob');
  expect(approved.code).toBe(1);
  expect(approved.log).toMatch(/guard failed: the plan is out of date: an AZ it adds a reader to is down now/);
  expect(h.mutations().map((r) => r.operation)).not.toContain('CreateDBInstance');

  // The AZ comes back and its instances recover: a retry reads that, and the planned reader is no longer needed.
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a', end: true });
  await eventually(async () => expect((await h.instances('prod-app')).every((i) => i.status === 'available')).toBe(true));
  const retried = await cli(['retry', runId, ...h.common()]);
  expect(retried.code).toBe(1);
  expect(retried.stdout).toMatch(/the plan is out of date: an AZ it adds a reader to has a failover-capable instance again/);
  expect(h.mutations().map((r) => r.operation)).not.toContain('CreateDBInstance');

  const skipped = await cli(['skip', runId, '--reason', 'us-east-1a recovered', ...h.common()]);
  expect(skipped.stderr).toBe('');
  expect(skipped.code).toBe(0);
  expect(skipped.stdout).toMatch(/skipped: us-east-1a recovered/);
  expect(h.mutations().map((r) => r.operation)).not.toContain('CreateDBInstance');
  expect(failoverCapableAzs(await h.instances('prod-app'))).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
});

it('guard: while the writer’s failover hangs, nothing is added', async () => {
  h.sim.control.injectFault({ type: 'failover', mode: 'hang', clusterId: 'prod-app' });
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0', permanent: true });
  const result = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: the cluster has no available writer \(status failing-over\)/);
  expect(h.mutations()).toEqual([]);
});
