import { billedSeconds, environmentCost, findings, instanceCost, rollup, type InstanceLifetime, type ParallelEnvironment } from './model';
import { AURORA_POSTGRESQL_PRICES, quote } from './price-snapshot';

const T0 = Date.parse('2026-11-20T00:00:00Z');
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const inst = (id: string, instanceClass: string, from: number, to?: number, region = 'us-east-1'): InstanceLifetime => ({
  id,
  region,
  segments: [{ instanceClass, from, to }],
});

describe('billing arithmetic', () => {
  it('bills per second with a 10-minute minimum', () => {
    expect(billedSeconds(0)).toBe(0);
    expect(billedSeconds(1)).toBe(600);
    expect(billedSeconds(599.2)).toBe(600);
    expect(billedSeconds(601.2)).toBe(602);
  });

  it('partial hours: 1 h 30 min of db.r6g.xlarge = 1.5 × 0.519', () => {
    const c = instanceCost(inst('a', 'db.r6g.xlarge', T0, T0 + 90 * MIN), T0 + 5 * HOUR);
    expect(c.usd).toBeCloseTo(0.7785, 10);
    expect(c.usdPerHour).toBe(0); // gone
  });

  it('the 10-minute minimum: 3 minutes of db.r6g.large bill as 10', () => {
    const c = instanceCost(inst('a', 'db.r6g.large', T0, T0 + 3 * MIN), T0 + HOUR);
    expect(c.segments[0].billedSeconds).toBe(600);
    expect(c.usd).toBeCloseTo(0.26 / 6, 10);
  });

  it('a class change mid-life starts a new billed segment (with its own minimum)', () => {
    const life: InstanceLifetime = {
      id: 'a',
      region: 'us-east-1',
      segments: [
        { instanceClass: 'db.r6g.large', from: T0, to: T0 + 2 * HOUR },
        { instanceClass: 'db.r6g.2xlarge', from: T0 + 2 * HOUR, to: T0 + 2 * HOUR + 5 * MIN },
        { instanceClass: 'db.r6g.xlarge', from: T0 + 2 * HOUR + 5 * MIN },
      ],
    };
    const c = instanceCost(life, T0 + 3 * HOUR + 5 * MIN);
    // 2 h × 0.26 + 10 min (minimum) × 1.038 + 1 h × 0.519
    expect(c.usd).toBeCloseTo(0.52 + 1.038 / 6 + 0.519, 10);
    expect(c.usdPerHour).toBeCloseTo(0.519, 10);
  });

  it('serverless bills ACU-hours', () => {
    const life: InstanceLifetime = { id: 's', region: 'us-east-1', segments: [{ instanceClass: 'db.serverless', from: T0, acu: 4 }] };
    const c = instanceCost(life, T0 + 2.5 * HOUR);
    expect(c.usd).toBeCloseTo(2.5 * 4 * 0.12, 10);
    expect(c.usdPerHour).toBeCloseTo(0.48, 10);
    expect(c.segments[0].price.unit).toBe('ACU-hour');
  });

  it('prices other regions by the stated factor and carries source and date', () => {
    const q = quote('db.r6g.xlarge', 'eu-west-1');
    expect(q.usdPerHour).toBeCloseTo(0.519 * 1.1, 10);
    expect(q.basis).toBe('region-factor');
    expect(q.date).toBe(AURORA_POSTGRESQL_PRICES.date);
    expect(q.source).toMatch(/agent-toolkit/);
    expect(quote('db.x2g.16xlarge', 'us-east-1')).toMatchObject({ usdPerHour: 0, basis: 'unknown-class' });
  });
});

describe('environments', () => {
  const green = (over: Partial<ParallelEnvironment> = {}): ParallelEnvironment => ({
    kind: 'green',
    clusterId: 'app-green-abc123',
    region: 'us-east-1',
    account: '123456789012',
    team: 'checkout',
    migration: 'app-pg16',
    since: T0,
    instances: [inst('w', 'db.r6g.xlarge', T0), inst('r', 'db.r6g.large', T0)],
    ...over,
  });

  it('cost so far, burn rate and projection to the planned decommission date', () => {
    const c = environmentCost(green({ plannedEnd: { at: T0 + 2 * DAY, from: 'tag' } }), T0 + 6 * HOUR);
    expect(c.costSoFar).toBeCloseTo(6 * 0.779, 10);
    expect(c.burnPerHour).toBeCloseTo(0.779, 10);
    expect(c.burnPerDay).toBeCloseTo(0.779 * 24, 10);
    expect(c.projection!.additional).toBeCloseTo(42 * 0.779, 10);
    expect(c.projection!.total).toBeCloseTo(48 * 0.779, 10);
    expect(c.prices.map((p) => p.instanceClass).sort()).toEqual(['db.r6g.large', 'db.r6g.xlarge']);
  });

  it('a deployment deleted mid-day stops costing at deletion', () => {
    const c = environmentCost(green({ endedAt: T0 + 13 * HOUR + 30 * MIN }), T0 + DAY);
    expect(c.costSoFar).toBeCloseTo(13.5 * 0.779, 10);
    expect(c.burnPerHour).toBe(0);
    expect(c.alive).toBe(false);
    expect(c.projection).toBeNull();
  });

  it('an old blue counts from the switchover, not from its creation', () => {
    const old = green({
      kind: 'old-blue',
      clusterId: 'app-old1',
      since: T0 + DAY,
      instances: [inst('w', 'db.r6g.xlarge', T0 - 300 * DAY)],
    });
    expect(environmentCost(old, T0 + DAY + 2 * HOUR).costSoFar).toBeCloseTo(2 * 0.519, 10);
  });

  it('flags an old environment alive past the grace period with the money since it could have gone', () => {
    const old = green({ kind: 'old-blue', clusterId: 'app-old1', instances: [inst('w', 'db.r6g.xlarge', T0 - DAY)] });
    const [f] = findings([old], T0 + 5 * DAY, { oldEnvironmentGraceDays: 3 });
    expect(f.kind).toBe('old-environment-alive');
    expect(f.wastedUsd).toBeCloseTo(48 * 0.519, 10);
    expect(findings([old], T0 + 2 * DAY, { oldEnvironmentGraceDays: 3 })).toEqual([]);
  });

  it('flags a green smaller than blue', () => {
    const env = green({ counterpart: [inst('w', 'db.r6g.2xlarge', T0 - DAY), inst('r', 'db.r6g.large', T0 - DAY)] });
    expect(findings([env], T0 + HOUR).map((f) => f.kind)).toEqual(['green-under-provisioned']);
    const same = green({ counterpart: [inst('w', 'db.r6g.xlarge', T0 - DAY), inst('r', 'db.r6g.large', T0 - DAY)] });
    expect(findings([same], T0 + HOUR)).toEqual([]);
  });

  it('rolls up per migration, team, account and fleet', () => {
    const a = environmentCost(green(), T0 + HOUR);
    const b = environmentCost(green({ migration: 'billing-pg16', team: 'billing', instances: [inst('w', 'db.r6g.large', T0)] }), T0 + HOUR);
    expect(rollup([a, b], 'team').map((r) => [r.key, Number(r.costSoFar.toFixed(3))])).toEqual([
      ['checkout', 0.779],
      ['billing', 0.26],
    ]);
    const [fleet] = rollup([a, b], 'fleet');
    expect(fleet).toMatchObject({ key: 'fleet', environments: 2 });
    expect(fleet.burnPerHour).toBeCloseTo(1.039, 10);
    expect(rollup([a, b], 'account')).toHaveLength(1);
  });
});

describe('storage, I/O and storage configuration', () => {
  const env = (over: Partial<ParallelEnvironment> = {}): ParallelEnvironment => ({
    kind: 'green',
    clusterId: 'app-green-abc123',
    region: 'us-east-1',
    account: '123456789012',
    team: 'checkout',
    migration: 'app-pg16',
    since: T0,
    instances: [inst('w', 'db.r6g.large', T0)],
    ...over,
  });

  it('adds the measured storage (GB × $/GB-month ÷ 730 per hour) and I/O ($ per million) to compute', () => {
    const c = environmentCost(
      env({
        storage: { gb: 50, source: 'test' },
        io: { requests: 3_000_000, requestsPerHour: 400_000, source: 'test' },
        plannedEnd: { at: T0 + 10 * HOUR, from: 'tag' },
      }),
      T0 + 6 * HOUR,
    );
    // compute 6 h × 0.26 = 1.56; storage 50 GB × 0.10 / 730 × 6 h = 0.0410958904…; I/O 3 M × 0.20 = 0.60
    expect(c.compute).toBeCloseTo(1.56, 10);
    expect(c.storage!.usd).toBeCloseTo(30 / 730, 10);
    expect(c.storage!.usdPerHour).toBeCloseTo(5 / 730, 10);
    expect(c.io!.usd).toBeCloseTo(0.6, 10);
    expect(c.io!.usdPerHour).toBeCloseTo(0.08, 10);
    expect(c.costSoFar).toBeCloseTo(1.56 + 30 / 730 + 0.6, 10);
    expect(c.burnPerHour).toBeCloseTo(0.26 + 5 / 730 + 0.08, 10);
    // 4 more hours at the whole burn rate.
    expect(c.projection!.additional).toBeCloseTo(4 * (0.26 + 5 / 730 + 0.08), 10);
    expect(c.included).toEqual([
      'compute (on-demand instance-hours, Serverless v2 ACU-hours)',
      "storage: 50.0 GB billed to app-green-abc123's own volume (test)",
      "I/O: 3000000 requests on app-green-abc123's volume (test)",
    ]);
    expect(c.excluded).toEqual(['backups', 'data transfer', 'reserved-instance or savings-plan discounts']);
  });

  it('I/O-Optimized: compute × 1.30, storage at $0.225/GB-month, no I/O charge even when I/O was measured', () => {
    const c = environmentCost(
      env({
        storageConfig: 'io-optimized',
        instances: [{ ...inst('w', 'db.r6g.large', T0), storage: 'io-optimized' }],
        storage: { gb: 100, source: 'test' },
        io: { requests: 9_000_000, requestsPerHour: 1_000_000, source: 'test' },
      }),
      T0 + 10 * HOUR,
    );
    expect(c.compute).toBeCloseTo(10 * 0.26 * 1.3, 10);
    expect(c.storage!.usd).toBeCloseTo((100 * 0.225 * 10) / 730, 10);
    expect(c.io).toBeNull();
    expect(c.costSoFar).toBeCloseTo(3.38 + 2250 / 7300, 10);
    expect(c.included).toContain('I/O: none (Aurora I/O-Optimized has no I/O charge)');
    expect(c.instances[0].segments[0].price).toMatchObject({ usdPerHour: expect.closeTo(0.338, 10), storage: 'io-optimized' });
  });

  it('says what was not measured, and a deleted environment keeps its storage cost but burns nothing', () => {
    const c = environmentCost(
      env({
        endedAt: T0 + 2 * HOUR,
        storage: { gb: 73, source: 'test' },
        notMeasured: ['I/O of app-green-abc123: CloudWatch has no VolumeReadIOPs/VolumeWriteIOPs datapoints for it'],
      }),
      T0 + DAY,
    );
    // storage for the 2 parallel hours only: 73 × 0.10 / 730 × 2 = 0.02
    expect(c.storage!.usd).toBeCloseTo(0.02, 10);
    expect(c.burnPerHour).toBe(0);
    expect(c.io).toBeNull();
    expect(c.excluded[0]).toMatch(/^I\/O of app-green-abc123: CloudWatch has no/);
  });

  it('an old blue past its grace period has wasted its compute and its I/O since the deadline', () => {
    const old = env({
      kind: 'old-blue',
      clusterId: 'app-old1',
      instances: [inst('w', 'db.r6g.large', T0 - 30 * DAY)],
      io: { requests: 100_000_000, requestsPerHour: 50_000, source: 'test' },
    });
    const [f] = findings([old], T0 + 4 * DAY, { oldEnvironmentGraceDays: 3 });
    // 24 h × (0.26 + 50 000 / 1 M × 0.20 = 0.01) = 6.48
    expect(f.wastedUsd).toBeCloseTo(24 * 0.27, 10);
  });

  it('a clone is priced like any environment; an engine the snapshot does not list is flagged other-engine', () => {
    const c = environmentCost(
      env({ kind: 'clone', clusterId: 'orders-clone', instances: [{ ...inst('w', 'db.r7g.large', T0), engine: 'aurora-mysql' }] }),
      T0 + HOUR,
    );
    expect(c.kind).toBe('clone');
    expect(c.compute).toBeCloseTo(0.276, 10);
    expect(c.prices).toEqual([expect.objectContaining({ instanceClass: 'db.r7g.large', basis: 'other-engine' })]);
  });

  it('serverless segments carry the ACUs they were priced at', () => {
    const c = instanceCost(
      { id: 's', region: 'eu-west-1', segments: [{ instanceClass: 'db.serverless', from: T0, acu: 2.5 }] },
      T0 + 4 * HOUR,
    );
    // 4 h × 2.5 ACU × 0.12 × 1.10 (eu-west-1 by region factor) = 1.32
    expect(c.usd).toBeCloseTo(1.32, 10);
    expect(c.segments[0]).toMatchObject({ acu: 2.5, price: { basis: 'region-factor', unit: 'ACU-hour' } });
  });
});
