import type { AwsReads } from '../aws/gateway';
import { listClusterParameters } from './rds-reads';

/** The parameters a cluster parameter group sets itself (`Source: user`), name → value. */
export async function fetchUserParameters(aws: AwsReads, group: string, region?: string): Promise<Record<string, string>> {
  const parameters = await listClusterParameters(aws, region, { DBClusterParameterGroupName: group, Source: 'user' });
  return Object.fromEntries(parameters.map((p) => [p.ParameterName ?? '', p.ParameterValue ?? '']));
}

/**
 * Names of the parameters whose user-set values differ between two groups (set in one and not the
 * other counts as different), sorted.
 */
export function diffParameters(a: Record<string, string>, b: Record<string, string>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n] !== b[n]).sort();
}
