import type { AwsServiceName } from './gateway';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily (they are large); literal paths so bundlers (the VS Code extension) can include them */
/** The AWS CLI service name → the SDK v3 client package that implements it, and its client class. */
const SERVICE_PACKAGES: Record<AwsServiceName, { load: () => Record<string, unknown>; client: string }> = {
  rds: { load: () => require('@aws-sdk/client-rds'), client: 'RDSClient' },
  cloudwatch: { load: () => require('@aws-sdk/client-cloudwatch'), client: 'CloudWatchClient' },
  ce: { load: () => require('@aws-sdk/client-cost-explorer'), client: 'CostExplorerClient' },
  sts: { load: () => require('@aws-sdk/client-sts'), client: 'STSClient' },
  resourcegroupstaggingapi: {
    load: () => require('@aws-sdk/client-resource-groups-tagging-api'),
    client: 'ResourceGroupsTaggingAPIClient',
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const AWS_SERVICES = Object.keys(SERVICE_PACKAGES) as AwsServiceName[];

export function isAwsServiceName(name: string): name is AwsServiceName {
  return Object.prototype.hasOwnProperty.call(SERVICE_PACKAGES, name);
}

/** The service whose SDK client class is named `clientName` (e.g. `RDSClient` → `rds`). */
export function serviceOfClient(clientName: string): AwsServiceName | undefined {
  return AWS_SERVICES.find((service) => SERVICE_PACKAGES[service].client === clientName);
}

const cache = new Map<AwsServiceName, Record<string, unknown>>();

/** Loads a client package lazily (they are large) and exposes its exports plus `client`. */
export function loadServiceModule(service: AwsServiceName): Record<string, unknown> & { client: unknown } {
  let module = cache.get(service);
  if (!module) {
    const { load, client } = SERVICE_PACKAGES[service];
    const exports = load();
    module = { ...exports, client: exports[client] };
    cache.set(service, module);
  }
  return module as Record<string, unknown> & { client: unknown };
}
