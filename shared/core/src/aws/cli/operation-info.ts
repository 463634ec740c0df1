import { isAwsServiceName, serviceOperations } from './service-catalog';
import { operationModel } from './operation-model';

export interface AwsFlagInfo {
  /** e.g. `--db-cluster-identifier`; booleans also accept `--no-<flag>`. */
  flag: string;
  /** SDK member name, e.g. `DBClusterIdentifier`. */
  member: string;
  /** `string`, `number`, `boolean`, `timestamp`, `list<string>`, `list<Filter>`, a structure name, … */
  type: string;
  required: boolean;
}

export interface AwsOperationInfo {
  sdkOperation: string;
  cliOperation: string;
  mutating: boolean;
  flags: AwsFlagInfo[];
}

export interface AwsOperationSummary {
  cliOperation: string;
  sdkOperation: string;
  mutating: boolean;
}

/** What an editor needs for hover and completion; `operation` is the CLI or the SDK name. */
export function awsOperationInfo(service: string, operation: string): AwsOperationInfo | undefined {
  if (!isAwsServiceName(service)) return undefined;
  const model = operationModel(service, operation);
  if (!model) return undefined;
  return {
    sdkOperation: model.sdkOperation,
    cliOperation: model.cliOperation,
    mutating: model.mutating,
    flags: model.members.map((m) => ({ flag: `--${m.flag}`, member: m.member, type: m.label, required: m.required })),
  };
}

/** Every operation of a service, sorted by CLI name; empty for a service Switchyard does not run. */
export function listAwsOperations(service: string): AwsOperationSummary[] {
  if (!isAwsServiceName(service)) return [];
  return [...serviceOperations(service).byCliName]
    .map(([cliOperation, sdkOperation]) => ({
      cliOperation,
      sdkOperation,
      mutating: operationModel(service, sdkOperation)?.mutating ?? true,
    }))
    .sort((a, b) => a.cliOperation.localeCompare(b.cliOperation));
}
