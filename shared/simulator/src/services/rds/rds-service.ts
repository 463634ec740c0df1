import * as rdsSchemas from '@aws-sdk/client-rds';
import type { SimulatorWorld } from '../../world';
import type { ServiceDefinition } from '../service-definition';
import { blueGreenOperations } from './blue-green-operations';
import { clusterOperations } from './cluster-operations';
import { describeOperations } from './describe-operations';
import { engineOperations } from './engine-operations';
import { eventOperations } from './event-operations';
import { globalOperations } from './global-operations';
import { parameterOperations } from './parameter-operations';
import { tagOperations } from './tag-operations';

/** Amazon RDS (awsQuery, API version 2014-10-31). */
export function rdsService(world: SimulatorWorld): ServiceDefinition {
  return {
    signingName: 'rds',
    schemas: rdsSchemas as unknown as Record<string, unknown>,
    xmlNamespace: 'http://rds.amazonaws.com/doc/2014-10-31/',
    handlers: {
      ...describeOperations(world),
      ...clusterOperations(world),
      ...globalOperations(world),
      ...blueGreenOperations(world),
      ...eventOperations(world),
      ...parameterOperations(world),
      ...engineOperations(world),
      ...tagOperations(world),
    },
  };
}
