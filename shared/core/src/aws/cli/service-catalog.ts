import { NormalizedSchema } from '@smithy/core/schema';
import type { AwsServiceName } from '../gateway';
import { AWS_SERVICES, isAwsServiceName, loadServiceModule } from '../service-modules';
import { cliName } from './cli-name';
import type { SchemaRef } from './shape';

export { AWS_SERVICES, isAwsServiceName };

/**
 * Read-only iff the SDK operation name starts with one of these verbs (AWS's own naming
 * convention for side-effect-free calls); everything else is treated as mutating, so an
 * unfamiliar verb errs on the side of needing a lock and being skipped by dry-run.
 */
export const READ_ONLY_VERBS = ['Describe', 'List', 'Get'] as const;

export function isMutatingOperation(sdkOperation: string): boolean {
  return !READ_ONLY_VERBS.some((verb) => sdkOperation.startsWith(verb));
}

export interface ServiceOperations {
  /** CLI operation name → SDK operation name. */
  byCliName: Map<string, string>;
  /** SDK operation name → CLI operation name. */
  bySdkName: Map<string, string>;
}

const operationsCache = new Map<AwsServiceName, ServiceOperations>();

/** The operations of a service: every `<Op>Command` class the SDK client package exports. */
export function serviceOperations(service: AwsServiceName): ServiceOperations {
  let operations = operationsCache.get(service);
  if (!operations) {
    const byCliName = new Map<string, string>();
    const bySdkName = new Map<string, string>();
    for (const name of Object.keys(loadServiceModule(service))) {
      if (!name.endsWith('Command') || name === '$Command') continue;
      const sdk = name.slice(0, -'Command'.length);
      byCliName.set(cliName(sdk), sdk);
      bySdkName.set(sdk, cliName(sdk));
    }
    operations = { byCliName, bySdkName };
    operationsCache.set(service, operations);
  }
  return operations;
}

/** The input structure schema of an operation, from the SDK's static `<Op>$` operation schema. */
export function operationInputSchema(service: AwsServiceName, sdkOperation: string): NormalizedSchema | undefined {
  return operationPartSchema(service, sdkOperation, 4);
}

/** The output structure schema of an operation. */
export function operationOutputSchema(service: AwsServiceName, sdkOperation: string): NormalizedSchema | undefined {
  return operationPartSchema(service, sdkOperation, 5);
}

function operationPartSchema(service: AwsServiceName, sdkOperation: string, part: 4 | 5): NormalizedSchema | undefined {
  const operationSchema = loadServiceModule(service)[`${sdkOperation}$`];
  // [9, namespace, name, traits, input, output]
  if (!Array.isArray(operationSchema) || operationSchema[0] !== 9) return undefined;
  return NormalizedSchema.of(operationSchema[part] as SchemaRef);
}

/** Whether the SDK ships a paginator for the operation (the CLI then accepts its paging flags). */
export function isPaginated(service: AwsServiceName, sdkOperation: string): boolean {
  return typeof loadServiceModule(service)[`paginate${sdkOperation}`] === 'function';
}
