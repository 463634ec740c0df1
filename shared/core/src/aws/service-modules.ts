import type { AwsServiceName } from './gateway';

/** The AWS CLI service name → the SDK v3 client package that implements it, and its client class. */
const SERVICE_PACKAGES: Record<AwsServiceName, { pkg: string; client: string }> = {
  rds: { pkg: '@aws-sdk/client-rds', client: 'RDSClient' },
  cloudwatch: { pkg: '@aws-sdk/client-cloudwatch', client: 'CloudWatchClient' },
  ce: { pkg: '@aws-sdk/client-cost-explorer', client: 'CostExplorerClient' },
  sts: { pkg: '@aws-sdk/client-sts', client: 'STSClient' },
};

export const AWS_SERVICES = Object.keys(SERVICE_PACKAGES) as AwsServiceName[];

export function isAwsServiceName(name: string): name is AwsServiceName {
  return Object.prototype.hasOwnProperty.call(SERVICE_PACKAGES, name);
}

const cache = new Map<AwsServiceName, Record<string, unknown>>();

/** Loads a client package lazily (they are large) and exposes its exports plus `client`. */
export function loadServiceModule(service: AwsServiceName): Record<string, unknown> & { client: unknown } {
  let module = cache.get(service);
  if (!module) {
    const { pkg, client } = SERVICE_PACKAGES[service];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(pkg) as Record<string, unknown>;
    module = { ...exports, client: exports[client] };
    cache.set(service, module);
  }
  return module as Record<string, unknown> & { client: unknown };
}
