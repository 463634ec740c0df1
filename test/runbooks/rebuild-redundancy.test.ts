/** rebuild-redundancy.md end to end: readers back in every AZ, promotion tiers reset, RTO/RPO recorded. */
import { CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { cli } from '../support/cli';
import { eventually, parseRunEvents, RunbookHarness, type InstanceState } from '../support/runbook-harness';

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

/**
 * Approves the plan (a reader in us-east-1a for the crashed writer) while CreateDBInstance is
 * throttled, so the reader step fails (AWS refused it: nothing was created) and waits for a retry.
 */
async function failedWhileAddingTheReader(): Promise<string> {
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0', permanent: true });
  await eventually(async () => expect(await h.writer('prod-app')).toBe('prod-app-1'));
  const planned = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' }, { approver: false });
  expect(planned.code).toBe(3);
  expect(planned.outputs.plan).toMatchObject({ down_azs: [], new_readers: [{ az: 'us-east-1a', id: 'prod-app-a' }] });
  h.sim.control.injectFault({ type: 'throttle', service: 'rds', operation: 'CreateDBInstance', rate: 1 });
  const approved = await h.approve(planned.runId!, 'bob');
  expect(approved.code).toBe(1);
  expect(approved.log).toMatch(/CreateDBInstance|create-db-instance failed: Throttling/);
  h.sim.control.clearFaults();
  expect(created()).toEqual([]);
  return planned.runId!;
}

/** Instances CreateDBInstance created (answered without error). */
const created = () =>
  h
    .mutations()
    .filter((r) => r.operation === 'CreateDBInstance' && r.status < 400)
    .map((r) => r.params.DBInstanceIdentifier);

it('retried during an AZ outage: the reader step re-plans from the AZs that are up, adds nothing into the AZ that is down, and the run ends saying to come back', async () => {
  const runId = await failedWhileAddingTheReader();

  // Later, us-east-1a goes down (its two instances fail: detect.md's AZ rule).
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a' });
  await eventually(async () => expect((await h.instances('prod-app')).find((i) => i.id === 'prod-app-analytics')?.status).toBe('failed'));
  const retried = await cli(['retry', runId, ...h.common(), '--json']);
  expect(retried.stderr).toBe('');
  expect(retried.code).toBe(0);
  const events = parseRunEvents(retried);
  expect(events.outputs.add_readers).toMatchObject({
    down_azs: ['us-east-1a'],
    readers: [{ id: 'prod-app-a', az: 'us-east-1a', add: false }],
    not_added: ['prod-app-a (us-east-1a is down now: run this runbook again once it is back)'],
  });
  expect(events.log).toMatch(/skipped: condition `.*` is false/);
  expect(created()).toEqual([]);
  expect(events.outputs.verify.still_to_do).toBe('AZ us-east-1a was down: run rebuild-redundancy.md again once it is back');
  expect(failoverCapableAzs(await h.instances('prod-app'))).toEqual(['us-east-1b', 'us-east-1c']);

  // Once the AZ is back its instances recover (the simulator reboots every instance of the AZ),
  // and a new run, as still_to_do said, finds the cluster whole without adding a reader.
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a', end: true });
  await eventually(async () => expect((await h.instances('prod-app')).every((i) => i.status === 'available')).toBe(true));
  const again = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(again.code).toBe(0);
  expect(again.outputs.plan).toMatchObject({ down_azs: [], new_readers: [] });
  expect(created()).toEqual([]);
  expect(failoverCapableAzs(await h.instances('prod-app'))).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
}, 180_000);

it('retried once the reader is no longer needed (someone added one in that AZ): nothing is added, the run completes', async () => {
  const runId = await failedWhileAddingTheReader();

  // Meanwhile an operator added a failover-capable reader in us-east-1a by hand.
  await h.rds().send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'prod-app-manual',
      DBClusterIdentifier: 'prod-app',
      Engine: 'aurora-postgresql',
      DBInstanceClass: 'db.r6g.xlarge',
      AvailabilityZone: 'us-east-1a',
      PromotionTier: 1,
    }),
  );
  const retried = await cli(['retry', runId, ...h.common(), '--json']);
  expect(retried.stderr).toBe('');
  expect(retried.code).toBe(0);
  const events = parseRunEvents(retried);
  expect(events.outputs.add_readers).toMatchObject({
    down_azs: [],
    readers: [{ id: 'prod-app-a', add: false }],
    not_added: ['prod-app-a (us-east-1a has a failover-capable instance again: no longer needed)'],
  });
  expect(created()).toEqual(['prod-app-manual']);
  expect(events.outputs.verify.still_to_do).toBe('nothing');
  expect(failoverCapableAzs(await h.instances('prod-app'))).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
}, 180_000);

it('retried when the reader is still needed: it is added then, once', async () => {
  const runId = await failedWhileAddingTheReader();
  const retried = await cli(['retry', runId, ...h.common(), '--json']);
  expect(retried.code).toBe(0);
  expect(created()).toEqual(['prod-app-a']);
  expect(failoverCapableAzs(await h.instances('prod-app'))).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
}, 180_000);

it('guard: while the writer’s failover hangs, nothing is added', async () => {
  h.sim.control.injectFault({ type: 'failover', mode: 'hang', clusterId: 'prod-app' });
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0', permanent: true });
  const result = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: the cluster has no available writer \(status failing-over\)/);
  expect(h.mutations()).toEqual([]);
});
