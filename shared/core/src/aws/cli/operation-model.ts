import type { NormalizedSchema } from '@smithy/core/schema';
import type { AwsServiceName } from '../gateway';
import { cliName } from './cli-name';
import { isMutatingOperation, isPaginated, operationInputSchema, serviceOperations } from './service-catalog';
import { requiredMembers, shapeKind, shapeLabel, structMembers, type ShapeKind } from './shape';

export interface AwsMemberModel {
  /** SDK member name, e.g. `DBClusterIdentifier`. */
  member: string;
  /** CLI flag without dashes, e.g. `db-cluster-identifier`. */
  flag: string;
  kind: ShapeKind;
  /** Human type label, e.g. `list<Filter>`. */
  label: string;
  required: boolean;
  schema: NormalizedSchema;
}

export interface AwsOperationModel {
  service: AwsServiceName;
  sdkOperation: string;
  cliOperation: string;
  mutating: boolean;
  paginated: boolean;
  members: AwsMemberModel[];
  byFlag: Map<string, AwsMemberModel>;
}

const cache = new Map<string, AwsOperationModel | undefined>();

/** Resolves an operation given by its CLI name (`failover-db-cluster`) or SDK name (`FailoverDBCluster`). */
export function operationModel(service: AwsServiceName, operation: string): AwsOperationModel | undefined {
  const key = `${service}:${operation}`;
  if (cache.has(key)) return cache.get(key);
  const operations = serviceOperations(service);
  const sdkOperation = operations.byCliName.get(operation) ?? (operations.bySdkName.has(operation) ? operation : undefined);
  const input = sdkOperation === undefined ? undefined : operationInputSchema(service, sdkOperation);
  const model = sdkOperation === undefined || input === undefined ? undefined : buildModel(service, sdkOperation, input);
  cache.set(key, model);
  return model;
}

function buildModel(service: AwsServiceName, sdkOperation: string, input: NormalizedSchema): AwsOperationModel {
  const required = requiredMembers(input);
  const members = structMembers(input).map(([member, schema]) => ({
    member,
    flag: cliName(member),
    kind: shapeKind(schema),
    label: shapeLabel(schema),
    required: required.has(member),
    schema,
  }));
  return {
    service,
    sdkOperation,
    cliOperation: cliName(sdkOperation),
    mutating: isMutatingOperation(sdkOperation),
    paginated: isPaginated(service, sdkOperation),
    members,
    byFlag: new Map(members.map((m) => [m.flag, m])),
  };
}
