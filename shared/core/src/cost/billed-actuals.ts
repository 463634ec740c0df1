/**
 * Billed actuals per migration from Cost Explorer (GetCostAndUsage, DAILY, UnblendedCost), filtered
 * and grouped by the cost-allocation tag Switchyard's blue/green runbook puts on what it creates.
 */
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import type { AwsReads } from '../aws/gateway';
import { DEPLOYMENT_TAG } from './find-environments';

const DAY_MS = 86_400_000;

export interface BilledActuals {
  migration: string;
  totalUsd: number;
  days: Array<{ date: string; usd: number; estimated: boolean }>;
  /** The last day Cost Explorer has data for (exclusive end of the query). */
  through: string;
  note: string;
}

export const CE_DELAY_NOTE =
  'Cost Explorer data lags the usage by about 24 hours and the latest days are estimated; compare the estimate with it day by day.';

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Billed actuals per migration: Cost Explorer GetCostAndUsage, DAILY UnblendedCost, by the deployment tag. */
export async function fetchBilledActuals(aws: AwsReads, migrations: string[], since: number, now: number): Promise<BilledActuals[]> {
  if (migrations.length === 0) return [];
  const start = day(Math.min(since, now - DAY_MS));
  const end = day(now + DAY_MS);
  const byMigration = new Map<string, BilledActuals>(
    migrations.map((m) => [m, { migration: m, totalUsd: 0, days: [], through: day(now), note: CE_DELAY_NOTE }]),
  );
  // Cost Explorer's one endpoint is in us-east-1.
  const client = aws.readClient(CostExplorerClient, 'us-east-1');
  // The SDK has no paginator for GetCostAndUsage: follow NextPageToken by hand.
  let token: string | undefined;
  do {
    const out = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: start, End: end },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        Filter: {
          And: [
            { Dimensions: { Key: 'SERVICE', Values: ['Amazon Relational Database Service'] } },
            { Tags: { Key: DEPLOYMENT_TAG, Values: migrations } },
          ],
        },
        GroupBy: [{ Type: 'TAG', Key: DEPLOYMENT_TAG }],
        NextPageToken: token,
      }),
    );
    for (const r of out.ResultsByTime ?? []) {
      const date = r.TimePeriod?.Start ?? '';
      for (const g of r.Groups ?? []) {
        const key = (g.Keys?.[0] ?? '').replace(`${DEPLOYMENT_TAG}$`, '');
        const entry = byMigration.get(key);
        const usd = Number(g.Metrics?.UnblendedCost?.Amount || 0);
        if (!entry) continue;
        entry.days.push({ date, usd, estimated: r.Estimated === true });
        entry.totalUsd += usd;
      }
    }
    token = out.NextPageToken || undefined;
  } while (token);
  return [...byMigration.values()];
}
