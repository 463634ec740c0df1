import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { startSimulator, type RunningSimulator } from '../simulator';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../testing/sdk-clients';

let sim: RunningSimulator;
let aws: SdkClients;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo' });
  aws = sdkClients(sim);
});

afterAll(async () => {
  destroyClients(aws);
  await sim.stop();
});

it('GetCostAndUsage (AWS JSON 1.1) totals RDS cost per day', async () => {
  const out = await aws.ce.send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: day(-3), End: day(-1) },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      Filter: { Dimensions: { Key: 'SERVICE', Values: ['Amazon Relational Database Service'] } },
    }),
  );
  expect(out.ResultsByTime).toHaveLength(2);
  const [first] = out.ResultsByTime!;
  expect(first.TimePeriod).toEqual({ Start: day(-3), End: day(-2) });
  expect(first.Total!.UnblendedCost.Unit).toBe('USD');
  // Long-lived instances only: prod-app ×4, prod-app-eu, billing ×2, analytics-db-0 ≈ $120 a day.
  const cost = Number(first.Total!.UnblendedCost.Amount);
  expect(cost).toBeGreaterThan(80);
  expect(cost).toBeLessThan(200);
});

it('groups by a cost-allocation tag and by usage type', async () => {
  const byTeam = await aws.ce.send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: day(-2), End: day(-1) },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'team' }],
    }),
  );
  const keys = byTeam.ResultsByTime![0].Groups!.map((g) => g.Keys![0]);
  expect(keys).toEqual(expect.arrayContaining(['team$checkout', 'team$billing', 'team$data']));
  const byUsage = await aws.ce.send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: day(-2), End: day(-1) },
      Granularity: 'DAILY',
      Metrics: ['UsageQuantity'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
    }),
  );
  const usage = Object.fromEntries(byUsage.ResultsByTime![0].Groups!.map((g) => [g.Keys![0], g.Metrics!.UsageQuantity]));
  expect(usage['InstanceUsage:db.r6g.xlarge']).toEqual({ Amount: expect.stringMatching(/^72\.0+$/), Unit: 'Hrs' });
  expect(usage['EU-InstanceUsage:db.r6g.xlarge'].Unit).toBe('Hrs');
  expect(usage['Aurora:StorageUsage'].Unit).toBe('GB-Mo');
  // Volume I/O at each cluster's mean rate: prod-app, billing-db and analytics-db have clients (24,600 per
  // 5 minutes), the green has none (6,600) — over one day, in requests.
  expect(usage['Aurora:StorageIOUsage'].Unit).toBe('IOs');
  expect(Number(usage['Aurora:StorageIOUsage'].Amount)).toBeGreaterThan(3 * 24_600 * 288);
  expect(usage['EU-Aurora:StorageIOUsage'].Unit).toBe('IOs');
});

it('rejects an empty time period', async () => {
  const error = await errorOf(() =>
    aws.ce.send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: day(-1), End: day(-1) }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] }),
    ),
  );
  expect(error.name).toBe('ValidationException');
});
