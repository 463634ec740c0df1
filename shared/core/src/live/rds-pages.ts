import type { AwsGateway } from '../aws/gateway';

type Json = Record<string, unknown>;

/** Every item of a Marker-paginated RDS describe call, 100 per page (the most RDS allows). */
export async function describeAllPages(aws: AwsGateway, operation: string, input: Json, key: string, region?: string): Promise<Json[]> {
  const items: Json[] = [];
  let marker: string | undefined;
  do {
    const page = await aws.call('rds', operation, { ...input, MaxRecords: 100, ...(marker ? { Marker: marker } : {}) }, { region });
    if (Array.isArray(page[key])) items.push(...(page[key] as Json[]));
    marker = typeof page.Marker === 'string' && page.Marker ? page.Marker : undefined;
  } while (marker);
  return items;
}
