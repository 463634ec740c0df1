/**
 * botocore's examples-1.json for RDS: every example input of an operation the simulator
 * implements must be accepted — sent through the SDK and through the AWS CLI, it may fail only
 * because the example's resources do not exist here, never with a validation or serialization error.
 */
import * as rds from '@aws-sdk/client-rds';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startSimulator, type RunningSimulator } from '../simulator';
import { cliOperationName, findAwsCli, findBotocoreData, runAwsCli } from '../testing/aws-cli';
import { DUMMY_CREDENTIALS } from '../testing/sdk-clients';
import { rdsService } from '../services/rds/rds-service';
import { SimulatorWorld } from '../world';
import { demoFleet } from '../fleets/demo-fleet';

const data = findBotocoreData();
if (!data) console.warn('SKIPPED: botocore examples test needs botocore (python3 -c "import botocore"; apt-get install awscli).');
const cli = findAwsCli();
const describeExamples = data ? describe : describe.skip;
jest.setTimeout(120_000);

/** Errors that mean the request itself was wrong: the simulator must never answer an example with them. */
const REJECTIONS = [
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'MissingParameter',
  'InvalidAction',
  'InternalFailure',
  'SerializationException',
  'UnknownOperationException',
  'ValidationError',
];

/**
 * Examples written in 2016 for engines and classes AWS has since retired: the simulator refuses them
 * as AWS does today, with the error its engine table gives (model/engine-catalog.ts).
 */
const RETIRED: Record<string, { code: string; why: string }> = {
  'To create a DB cluster parameter group': { code: 'InvalidParameterValue', why: 'family aurora5.6 (Aurora MySQL 1, end of life 2023)' },
  'To create a DB instance.': { code: 'InvalidParameterCombination', why: 'db.t2.micro is not orderable for MySQL 8.0' },
};

/** The SDK serialises timestamps from Date objects; the examples write them as ISO text. */
const TIMESTAMPS = ['RestoreToTime'];
const sdkInput = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, TIMESTAMPS.includes(k) ? new Date(v as string) : v]));
const loggedInput = (input: Record<string, unknown>) => JSON.parse(JSON.stringify(sdkInput(input))) as Record<string, unknown>;

interface Example {
  operation: string;
  title: string;
  input: Record<string, unknown>;
}

function examples(): Example[] {
  const file = JSON.parse(readFileSync(path.join(data!, 'rds', '2014-10-31', 'examples-1.json'), 'utf8')) as {
    examples: Record<string, { title: string; input: Record<string, unknown> }[]>;
  };
  const implemented = Object.keys(rdsService(new SimulatorWorld(demoFleet(), { now: Date.now }, 1)).handlers);
  return Object.entries(file.examples)
    .filter(([operation]) => implemented.includes(operation))
    .flatMap(([operation, list]) => list.map((e) => ({ operation, title: e.title, input: e.input })));
}

describeExamples('botocore examples-1.json (RDS)', () => {
  let sim: RunningSimulator;
  const list = data ? examples() : [];

  beforeAll(async () => {
    sim = await startSimulator({ fleet: 'demo', timeScale: 1000 });
  });
  afterAll(() => sim.stop());
  // Examples are independent: one's CreateDBInstance must not be the next one's instance.
  beforeEach(() => sim.control.reset());

  it('covers the implemented operations that have examples', () => {
    expect(list.map((e) => e.operation)).toEqual(
      expect.arrayContaining([
        'DescribeDBClusters',
        'DescribeDBInstances',
        'FailoverDBCluster',
        'CreateDBInstance',
        'ModifyDBInstance',
        'AddTagsToResource',
      ]),
    );
  });

  it.each(list.map((e) => [e.operation, e.title, e] as const))('SDK: %s — %s', async (_op, _title, example) => {
    const client = new rds.RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
    const Command = (rds as unknown as Record<string, new (input: unknown) => rds.DescribeDBClustersCommand>)[
      `${example.operation}Command`
    ];
    try {
      await client.send(new Command(sdkInput(example.input)));
      expect(RETIRED[example.title]).toBeUndefined();
    } catch (error) {
      const retired = RETIRED[example.title];
      if (retired) expect((error as Error).name).toBe(retired.code);
      else {
        expect(REJECTIONS).not.toContain((error as Error).name);
        expect((error as Error).name).toMatch(/NotFound/);
      }
    } finally {
      client.destroy();
    }
    const logged = sim.control
      .requests()
      .filter((r) => r.operation === example.operation)
      .at(-1)!;
    expect(logged.params).toEqual(loggedInput(example.input));
  });

  (cli ? it.each(list.map((e) => [e.operation, e.title, e] as const)) : it.skip.each([['-', '-', undefined]]))(
    'AWS CLI: %s — %s',
    async (_op, _title, example) => {
      if (!example) return;
      const result = await runAwsCli(sim.url, [
        'rds',
        cliOperationName(example.operation),
        '--cli-input-json',
        JSON.stringify(example.input),
      ]);
      const retired = RETIRED[example.title];
      if (retired) expect(result.errorCode).toBe(retired.code);
      else if (result.code !== 0) {
        expect(result.errorCode).toBeDefined();
        expect(REJECTIONS).not.toContain(result.errorCode);
        expect(result.errorCode).toMatch(/NotFound/);
      }
    },
  );
});
