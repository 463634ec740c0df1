import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startSimulator, type RunningSimulator } from '../simulator';
import { destroyClients, sdkClients, type SdkClients } from '../testing/sdk-clients';

let sim: RunningSimulator;
let aws: SdkClients;

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo' });
  aws = sdkClients(sim, { region: 'eu-west-1' });
});

afterAll(async () => {
  destroyClients(aws);
  await sim.stop();
});

it('GetCallerIdentity answers with the simulated account (awsQuery, request id in metadata)', async () => {
  const out = await aws.sts.send(new GetCallerIdentityCommand({}));
  expect(out).toMatchObject({
    Account: '123456789012',
    Arn: 'arn:aws:iam::123456789012:user/switchyard',
    UserId: 'AIDASWITCHYARDSIMULATOR',
  });
  expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(sim.control.requests().at(-1)).toMatchObject({
    service: 'sts',
    operation: 'GetCallerIdentity',
    region: 'eu-west-1',
    protocol: 'query',
    status: 200,
  });
});
