/**
 * The cost model's AWS reads through the real SDK against the simulator: Price List GetProducts
 * (through the cache, with the snapshot as fallback), RDS discovery of old blues and clones,
 * CloudWatch volume metrics and Cost Explorer GetCostAndUsage — request shapes as sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  DeleteBlueGreenDeploymentCommand,
  DescribeBlueGreenDeploymentsCommand,
  RDSClient,
  RestoreDBClusterToPointInTimeCommand,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import {
  fetchCostReport,
  fetchPriceBook,
  PRICE_LIST_SOURCE,
  PriceCache,
  sdkPriceListClient,
  SdkAwsGateway,
  type PriceNeeds,
  SIMULATOR_CREDENTIALS,
} from '@switchyard/core';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CREDENTIALS = SIMULATOR_CREDENTIALS;
const today = () => new Date().toISOString().slice(0, 10);

describe('prices from the AWS Price List API', () => {
  let sim: RunningSimulator;
  let dir: string;
  const needs: PriceNeeds = {
    instances: [
      { instanceClass: 'db.r6g.xlarge', region: 'us-east-1', engine: 'aurora-postgresql', storage: 'standard' },
      { instanceClass: 'db.serverless', region: 'eu-west-1', engine: 'aurora-mysql', storage: 'io-optimized' },
      { instanceClass: 'db.x2g.16xlarge', region: 'us-east-1', engine: 'aurora-postgresql', storage: 'standard' },
    ],
    storage: [{ region: 'us-east-1', storage: 'standard' }],
    io: ['eu-west-1'],
  };

  beforeAll(async () => {
    sim = await startSimulator({ fleet: 'demo' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-prices-'));
  });
  afterAll(async () => {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks GetProducts in us-east-1 with TERM_MATCH filters, says the source and date, and caches on disk', async () => {
    const file = path.join(dir, 'prices.json');
    const client = sdkPriceListClient({ endpoint: sim.url });
    sim.control.clearRequests();
    const live = await fetchPriceBook(needs, { client, cache: new PriceCache({ file }) });
    expect(live.notes).toEqual([
      'the AWS Price List has no On-Demand price for db.x2g.16xlarge (Aurora PostgreSQL, us-east-1); priced from the bundled snapshot',
    ]);
    expect(live.book.instance('db.r6g.xlarge', 'us-east-1', 'aurora-postgresql')).toMatchObject({
      usdPerHour: 0.519,
      source: PRICE_LIST_SOURCE,
      date: today(),
      basis: 'listed',
    });
    // eu-west-1 is 10 % dearer in the simulator's list; I/O-Optimized compute ×1.30.
    expect(live.book.instance('db.serverless', 'eu-west-1', 'aurora-mysql', 'io-optimized').usdPerHour).toBeCloseTo(0.12 * 1.1 * 1.3, 10);
    expect(live.book.storage('us-east-1')).toMatchObject({ usd: 0.1, unit: 'GB-month', source: PRICE_LIST_SOURCE });
    expect(live.book.io('eu-west-1').usd).toBeCloseTo(0.22, 10);
    // A class the Price List does not carry comes from the snapshot, and says so.
    expect(live.book.instance('db.x2g.16xlarge', 'us-east-1', 'aurora-postgresql')).toMatchObject({
      usdPerHour: 0,
      basis: 'unknown-class',
    });
    expect(live.sources.map((s) => s.source)).toEqual([PRICE_LIST_SOURCE, expect.stringMatching(/^bundled snapshot: /)]);

    const calls = sim.control.requests().filter((r) => r.operation === 'GetProducts');
    expect(calls).toHaveLength(5);
    expect(calls.every((c) => c.service === 'pricing' && c.region === 'us-east-1' && c.params.ServiceCode === 'AmazonRDS')).toBe(true);
    expect(calls[0].params).toMatchObject({
      FormatVersion: 'aws_v1',
      Filters: [
        { Type: 'TERM_MATCH', Field: 'databaseEngine', Value: 'Aurora PostgreSQL' },
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
        { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'db.r6g.xlarge' },
        { Type: 'TERM_MATCH', Field: 'deploymentOption', Value: 'Single-AZ' },
      ],
    });

    // Another process with the same cache file does not ask again.
    sim.control.clearRequests();
    const again = await fetchPriceBook(needs, { client, cache: new PriceCache({ file }) });
    expect(again.book.instance('db.r6g.xlarge', 'us-east-1', 'aurora-postgresql').usdPerHour).toBe(0.519);
    expect(sim.control.requests().filter((r) => r.operation === 'GetProducts')).toEqual([]);
    client.destroy();
  });

  it('offline: an unreachable Price List API leaves the bundled snapshot, and the report says why', async () => {
    const client = sdkPriceListClient({ endpoint: 'http://127.0.0.1:9' });
    const live = await fetchPriceBook(needs, { client, cache: new PriceCache() });
    client.destroy();
    expect(live.notes).toEqual([expect.stringMatching(/^AWS Price List API unavailable \(.+\); prices from the bundled snapshot$/)]);
    expect(live.book.instance('db.r6g.xlarge', 'us-east-1', 'aurora-postgresql')).toMatchObject({ usdPerHour: 0.519, date: '2026-08' });
    expect(live.sources).toEqual([expect.objectContaining({ source: expect.stringMatching(/^bundled snapshot: /), date: '2026-08' })]);
  });
});

describe('environments, volumes and billed actuals', () => {
  let now = Date.parse('2026-11-20T08:00:00Z');
  let sim: RunningSimulator;
  let rds: RDSClient;
  let aws: SdkAwsGateway;

  beforeEach(async () => {
    now = Date.parse('2026-11-20T08:00:00Z');
    sim = await startSimulator({ fleet: 'demo', timeScale: 1000, clock: { now: () => now } });
    rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: CREDENTIALS });
    aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  });
  afterEach(async () => {
    rds.destroy();
    aws.destroy();
    await sim.stop();
  });

  it('an old blue left by a deleted deployment counts from the switchover, is flagged, and CE is asked per tag', async () => {
    const [d] = (await rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
    await rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: d.BlueGreenDeploymentIdentifier }));
    now += 10 * 60_000;
    expect((await rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments![0].Status).toBe('SWITCHOVER_COMPLETED');
    const switchedAt = now;
    await rds.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: d.BlueGreenDeploymentIdentifier }));
    now += 5 * DAY;
    sim.control.clearRequests();

    const report = await fetchCostReport(aws, now, { oldEnvironmentGraceDays: 3, prices: 'snapshot' });
    expect(report.environments.map((e) => [e.kind, e.clusterId, e.migration, e.team])).toEqual([
      ['old-blue', 'prod-app-old1', 'prod-app', 'checkout'],
    ]);
    const [env] = report.environments;
    // From the switchover (its event), not from the cluster's creation 200 days ago: 3 × db.r6g.xlarge + db.r6g.large.
    const hourly = 3 * 0.519 + 0.26;
    const hours = (now - Date.parse(env.since)) / HOUR;
    expect(Date.parse(env.since)).toBeGreaterThan(switchedAt - 10 * 60_000);
    expect(Date.parse(env.since)).toBeLessThanOrEqual(switchedAt);
    // Billed per second, partial seconds rounded up.
    expect(env.compute).toBeCloseTo((Math.ceil(hours * 3600) / 3600) * hourly, 10);
    expect(report.findings).toEqual([
      // The instances' hours past the grace period, plus its volume's I/O at the recent rate.
      expect.objectContaining({
        kind: 'old-environment-alive',
        wastedUsd: expect.closeTo((hours - 72) * (hourly + env.io!.usdPerHour), 6),
      }),
    ]);
    // Storage is not attributable to an old blue; its volume's I/O is (no clients: replication-free idle reads + writes).
    expect(env.storage).toBeNull();
    expect(env.excluded.join('\n')).toMatch(/storage of prod-app-old1: an old blue's volume still shares its pages/);
    const intervals = (now - Date.parse(env.since)) / (5 * 60_000);
    expect(env.io!.requests / intervals).toBeGreaterThan(0.9 * 6_600);
    expect(env.io!.requests / intervals).toBeLessThan(1.1 * 6_600);
    expect(env.costSoFar).toBeCloseTo(env.compute + env.io!.usd, 10);
    expect(report.priceSources).toEqual([{ source: expect.stringMatching(/^bundled snapshot: /), date: '2026-08' }]);

    const log = sim.control.requests();
    const metrics = log.find((r) => r.operation === 'GetMetricData')!;
    expect(
      (metrics.params.MetricDataQueries as Array<{ MetricStat: { Metric: { MetricName: string } } }>).map(
        (q) => q.MetricStat.Metric.MetricName,
      ),
    ).toEqual(['VolumeReadIOPs', 'VolumeWriteIOPs']);
    const ce = log.find((r) => r.operation === 'GetCostAndUsage')!;
    expect(ce).toMatchObject({ service: 'ce', region: 'us-east-1', status: 200 });
    expect(ce.params).toEqual({
      TimePeriod: {
        Start: new Date(Date.parse(env.since)).toISOString().slice(0, 10),
        End: new Date(now + DAY).toISOString().slice(0, 10),
      },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      Filter: {
        And: [
          { Dimensions: { Key: 'SERVICE', Values: ['Amazon Relational Database Service'] } },
          { Tags: { Key: 'switchyard:deployment', Values: ['prod-app'] } },
        ],
      },
      GroupBy: [{ Type: 'TAG', Key: 'switchyard:deployment' }],
    });
    expect(report.actuals).toEqual([expect.objectContaining({ migration: 'prod-app', totalUsd: 0 })]);
  });

  it('a cluster tagged switchyard:parallel-of is a clone environment with its own planned end, priced by the API', async () => {
    const arn = 'arn:aws:rds:us-east-1:123456789012:cluster:analytics-db';
    await rds.send(
      new AddTagsToResourceCommand({
        ResourceName: arn,
        Tags: [
          { Key: 'switchyard:parallel-of', Value: 'prod-app' },
          { Key: 'switchyard:decommission-by', Value: '2026-11-30' },
        ],
      }),
    );
    const report = await fetchCostReport(aws, now, { actuals: false });
    const clone = report.environments.find((e) => e.kind === 'clone')!;
    expect(clone).toMatchObject({ clusterId: 'analytics-db', migration: 'parallel to prod-app', team: 'data' });
    expect(clone.projection).toMatchObject({ until: '2026-11-30T00:00:00.000Z', from: 'tag' });
    // Its two db.r6g.2xlarge instances (the one still creating included).
    expect(clone.computePerHour).toBeCloseTo(2 * 1.038, 10);
    expect(clone.burnPerHour).toBeCloseTo(clone.computePerHour + clone.storage!.usdPerHour + clone.io!.usdPerHour, 10);
    expect(clone.prices).toEqual([
      expect.objectContaining({ instanceClass: 'db.r6g.2xlarge', source: PRICE_LIST_SOURCE, basis: 'listed' }),
    ]);
    // Its own volume, as CloudWatch's VolumeBytesUsed reports it, priced per GB-month by the API.
    expect(clone.storage).toMatchObject({ gb: 200, price: expect.objectContaining({ usd: 0.1, source: PRICE_LIST_SOURCE }) });
    expect(clone.storage!.usdPerHour).toBeCloseTo((200 * 0.1) / 730, 10);
    // The demo deployment's green in us-east-1 and its copy of prod-app-eu in eu-west-1 (looked at because the deployment has members there).
    expect(report.environments.map((e) => `${e.kind} ${e.region}`).sort()).toEqual([
      'clone us-east-1',
      'green eu-west-1',
      'green us-east-1',
    ]);
    expect(report.price.source).toBe(PRICE_LIST_SOURCE);
  });

  it('an Aurora clone taken with RestoreDBClusterToPointInTime (copy-on-write, seed 003) is a parallel environment with its cost', async () => {
    await rds.send(
      new RestoreDBClusterToPointInTimeCommand({
        DBClusterIdentifier: 'prod-app-clone',
        SourceDBClusterIdentifier: 'prod-app',
        RestoreType: 'copy-on-write',
        UseLatestRestorableTime: true,
        Tags: [{ Key: 'switchyard:parallel-of', Value: 'prod-app' }],
      }),
    );
    now += 10 * 60_000;
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'prod-app-clone-0',
        DBInstanceClass: 'db.r6g.large',
        Engine: 'aurora-postgresql',
        DBClusterIdentifier: 'prod-app-clone',
      }),
    );
    const report = await fetchCostReport(aws, now, { actuals: false, prices: 'snapshot' });
    const clone = report.environments.find((e) => e.clusterId === 'prod-app-clone')!;
    expect(clone).toMatchObject({ kind: 'clone', migration: 'parallel to prod-app' });
    // Its one db.r6g.large (snapshot price), billed from now on while it runs beside production.
    expect(clone.computePerHour).toBeCloseTo(0.26, 10);
    expect(clone.burnPerHour).toBeGreaterThanOrEqual(clone.computePerHour);
  });

  it("a green's compute, storage and I/O estimate lands on what Cost Explorer bills for its tag", async () => {
    now += 30 * HOUR;
    // prod-app is the primary of a Global Database: its green mirrors the secondary region too
    // ("Using Blue/Green Deployments for Amazon Aurora Global Database"), a second parallel environment.
    const report = await fetchCostReport(aws, now, { prices: 'snapshot' }, ['us-east-1', 'eu-west-1']);
    const greens = report.environments.filter((e) => e.kind === 'green');
    expect(greens.map((g) => `${g.region}/${g.clusterId.replace(/-green-\w+$/, '-green-…')}`).sort()).toEqual([
      'eu-west-1/prod-app-eu-green-…',
      'us-east-1/prod-app-green-…',
    ]);
    const green = greens.find((e) => e.region === 'us-east-1')!;
    expect(green).toMatchObject({ clusterId: expect.stringMatching(/^prod-app-green-/), migration: 'prod-app-pg16-upgrade' });
    expect(greens.find((e) => e.region === 'eu-west-1')).toMatchObject({ migration: 'prod-app-pg16-upgrade' });
    expect(green.storage).toMatchObject({ gb: 200, source: expect.stringMatching(/VolumeBytesUsed/) });
    expect(green.io!.requests).toBeGreaterThan(0);
    expect(green.included.join('\n')).toMatch(/storage/);
    expect(green.included.join('\n')).toMatch(/I\/O/);
    const billed = report.actuals!.find((a) => a.migration === 'prod-app-pg16-upgrade')!;
    // Same instance-hours, GB-months and I/O requests in both regions: only the I/O metrics' wobble around their mean differs.
    const estimated = greens.reduce((sum, g) => sum + g.costSoFar, 0);
    expect(Math.abs(estimated - billed.totalUsd) / billed.totalUsd).toBeLessThan(0.005);
    expect(green.storage!.usd + green.io!.usd).toBeGreaterThan(0.01 * green.costSoFar);
  });
});
