import * as cloudWatchSchemas from '@aws-sdk/client-cloudwatch';
import type { SimulatorWorld } from '../../world';
import type { ServiceDefinition } from '../service-definition';
import { alarmOperations } from './alarm-operations';
import { metricOperations } from './metric-operations';

/**
 * Amazon CloudWatch. The SDK v3 client speaks AWS JSON 1.0 (query-compatible), botocore prefers
 * RPC v2 CBOR, older clients awsQuery: all three reach the same handlers.
 */
export function cloudWatchService(world: SimulatorWorld): ServiceDefinition {
  return {
    signingName: 'monitoring',
    schemas: cloudWatchSchemas as unknown as Record<string, unknown>,
    xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
    jsonTarget: 'GraniteServiceVersion20100801',
    jsonVersion: '1.0',
    awsQueryCompatible: true,
    cborServiceName: 'GraniteServiceVersion20100801',
    handlers: { ...metricOperations(world), ...alarmOperations(world) },
  };
}
