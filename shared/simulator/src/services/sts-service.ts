import * as stsSchemas from '@aws-sdk/client-sts';
import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import type { SimulatorWorld } from '../world';
import { handler, type ServiceDefinition } from './service-definition';

/** AWS STS (awsQuery): who the caller is, always the simulated account's `switchyard` user. */
export function stsService(world: SimulatorWorld): ServiceDefinition {
  return {
    signingName: 'sts',
    schemas: stsSchemas as unknown as Record<string, unknown>,
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    handlers: {
      GetCallerIdentity: handler((_input: GetCallerIdentityRequest): GetCallerIdentityResponse => ({
        UserId: 'AIDASWITCHYARDSIMULATOR',
        Account: world.state.accountId,
        Arn: `arn:aws:iam::${world.state.accountId}:user/switchyard`,
      })),
    },
  };
}
