import type { AwsGateway, AwsServiceName } from '../../aws/gateway';
import type { AwsCommand } from '../../runbook/model';
import type { BlockExecutionContext, BlockOutcome } from '../common/block-executor';
import type { AwsBlock } from './aws-block';
import { executeAwsBlock } from './aws-executor';

/** Runs one aws line against a gateway that answers `answer`. */
async function execute(source: string, answer: Record<string, unknown>): Promise<{ outcome: BlockOutcome; logs: string[] }> {
  const logs: string[] = [];
  const aws = {
    region: 'us-east-1',
    target: 'test',
    readClient: () => {
      throw new Error('unused');
    },
    call: (_service: AwsServiceName, _operation: string) => Promise.resolve(answer),
  } as unknown as AwsGateway;
  const block = {
    kind: 'aws',
    pos: { line: 1, column: 1 },
    source,
    bodyLine: 2,
    rollback: false,
    templates: [],
    command: {} as AwsCommand,
  };
  const ctx = {
    run: { dryRun: false },
    block,
    scope: { params: {} },
    aws,
    signal: new AbortController().signal,
    evaluating: <T>(work: () => T) => Promise.resolve().then(work),
    log: (_level: string, text: string) => Promise.resolve(void logs.push(text)),
    recordInFlight: () => Promise.resolve(),
  } as unknown as BlockExecutionContext<AwsBlock>;
  return { outcome: await executeAwsBlock(ctx), logs };
}

const CLUSTERS = {
  DBClusters: [{ DBClusterIdentifier: 'prod-app', MasterUsername: 'admin', AvailabilityZones: ['us-east-1a', 'us-east-1b'] }],
};

it('the step output is what --query selects from the response; --output changes nothing', async () => {
  const { outcome } = await execute("aws rds describe-db-clusters --query 'DBClusters[0].AvailabilityZones' --output table", CLUSTERS);
  expect(outcome).toEqual({ type: 'done', output: ['us-east-1a', 'us-east-1b'] });
});

it('without --query the whole response is the output', async () => {
  const { outcome } = await execute('aws rds describe-db-clusters --output text', CLUSTERS);
  expect(outcome).toEqual({ type: 'done', output: CLUSTERS });
});

it('a read whose query cannot be applied to the answer fails the step, naming the expression', async () => {
  const { outcome } = await execute("aws rds describe-db-clusters --query 'length(DBClusters[0].Nothing)'", CLUSTERS);
  expect(outcome.type).toBe('failed');
  if (outcome.type === 'failed') {
    expect(outcome.error).toMatch(
      /rds describe-db-clusters was answered, but --query "length\(DBClusters\[0\]\.Nothing\)" could not be applied/,
    );
    expect(outcome.notApplied).toBe(true);
  }
});

it('a change AWS made is not failed by its query (a retry would send it again): output null, a warning', async () => {
  const { outcome, logs } = await execute(
    "aws rds failover-db-cluster --db-cluster-identifier prod-app --query 'length(DBCluster.Nothing)'",
    { DBCluster: { Status: 'failing-over' } },
  );
  expect(outcome).toEqual({ type: 'done', output: null });
  expect(logs.join('\n')).toMatch(/ok, but --query .* could not be applied/);
});
