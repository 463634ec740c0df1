import { GetCostAndUsageCommand, type GetCostAndUsageCommandInput } from '@aws-sdk/client-cost-explorer';
import { DeleteBlueGreenDeploymentCommand, DescribeBlueGreenDeploymentsCommand } from '@aws-sdk/client-rds';
import { DEFAULT_TIMINGS } from '../model/types';
import { startSimulator, type RunningSimulator } from '../simulator';
import { ManualClock } from '../testing/manual-clock';
import { destroyClients, sdkClients, type SdkClients } from '../testing/sdk-clients';

// Cost Explorer as the cost model reads it: DAILY UnblendedCost filtered and grouped by the tag the
// blue/green runbook puts on what it creates, consistent with the resources' lifetimes.
let clock: ManualClock;
let sim: RunningSimulator;
let aws: SdkClients;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const TAG = 'switchyard:deployment';
const request: GetCostAndUsageCommandInput = {
  TimePeriod: { Start: day(-1), End: day(1) },
  Granularity: 'DAILY',
  Metrics: ['UnblendedCost'],
  Filter: {
    And: [
      { Dimensions: { Key: 'SERVICE', Values: ['Amazon Relational Database Service'] } },
      { Tags: { Key: TAG, Values: ['prod-app-pg16-upgrade'] } },
    ],
  },
  GroupBy: [{ Type: 'TAG', Key: TAG }],
};

async function deploymentCost(): Promise<number> {
  const out = await aws.ce.send(new GetCostAndUsageCommand(request));
  const groups = out.ResultsByTime!.flatMap((r) => r.Groups ?? []);
  expect(new Set(groups.map((g) => g.Keys![0]))).toEqual(new Set([`${TAG}$prod-app-pg16-upgrade`]));
  return groups.reduce((a, g) => a + Number(g.Metrics!.UnblendedCost.Amount), 0);
}

beforeAll(async () => {
  // A manual clock: the deletion finishes, and the hour after it passes, when the test says.
  clock = new ManualClock();
  sim = await startSimulator({ fleet: 'demo', clock });
  aws = sdkClients(sim);
});

afterAll(async () => {
  destroyClients(aws);
  await sim.stop();
});

it('bills the demo green by its deployment tag from its creation 40 minutes ago', async () => {
  // 40 min × (3 × db.r6g.xlarge 0.519 + db.r6g.large 0.26) = $1.211, + 200 GB of storage ≈ $0.018;
  // prod-app is a Global Database primary, so its green has prod-app-eu's copy in eu-west-1 too:
  // 40 min × db.r6g.xlarge 0.519 × 1.1 (eu-west-1) = $0.381, + its 200 GB ≈ $0.018.
  const cost = await deploymentCost();
  expect(cost).toBeGreaterThan(1.6);
  expect(cost).toBeLessThan(1.7);
});

it('keeps billing what a deleted green cost, and stops there', async () => {
  const [d] = (await aws.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
  await aws.rds.send(
    new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: d.BlueGreenDeploymentIdentifier, DeleteTarget: true }),
  );
  clock.advance(DEFAULT_TIMINGS.blueGreenDelete);
  expect((await aws.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments).toEqual([]);
  const after = await deploymentCost();
  expect(after).toBeGreaterThan(1.2);
  clock.advance(3_600_000); // an hour later: a green still billed would have cost ~$1.8 more
  expect(await deploymentCost()).toBeCloseTo(after, 6);
});
