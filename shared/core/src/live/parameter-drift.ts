import type { AwsGateway } from '../aws/gateway';

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The parameters a cluster parameter group sets itself (`Source: user`), name → value. */
export async function fetchUserParameters(aws: AwsGateway, group: string, region?: string): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  let marker: string | undefined;
  do {
    const page = await aws.call(
      'rds',
      'DescribeDBClusterParameters',
      { DBClusterParameterGroupName: group, Source: 'user', ...(marker ? { Marker: marker } : {}) },
      { region },
    );
    for (const p of (Array.isArray(page.Parameters) ? page.Parameters : []) as Json[]) {
      values[str(p.ParameterName)] = str(p.ParameterValue);
    }
    marker = str(page.Marker) || undefined;
  } while (marker);
  return values;
}

/**
 * Names of the parameters whose user-set values differ between two groups (set in one and not the
 * other counts as different), sorted.
 */
export function diffParameters(a: Record<string, string>, b: Record<string, string>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n] !== b[n]).sort();
}
