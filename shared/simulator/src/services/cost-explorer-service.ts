import * as costExplorerSchemas from '@aws-sdk/client-cost-explorer';
import type {
  Expression,
  GetCostAndUsageRequest,
  GetCostAndUsageResponse,
  Group,
  MetricValue,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { costLines, type CostLine } from '../model/cost-lines';
import { AwsError } from '../protocol/aws-error';
import type { SimulatorWorld } from '../world';
import { handler, type ServiceDefinition } from './service-definition';

const COST_METRICS = ['AmortizedCost', 'BlendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'UnblendedCost'];
const USAGE_METRICS = ['UsageQuantity', 'NormalizedUsageAmount'];
const validation = (message: string) => new AwsError('ValidationException', message, 400);

function parseDay(text: string, field: string): number {
  const t = Date.parse(/T/.test(text) ? text : `${text}T00:00:00Z`);
  if (Number.isNaN(t)) throw validation(`Invalid ${field}: ${text}. Use the format yyyy-MM-dd.`);
  return t;
}

function periods(start: number, end: number, granularity: string): [number, number][] {
  const out: [number, number][] = [];
  for (let t = start; t < end;) {
    const d = new Date(t);
    const next =
      granularity === 'MONTHLY'
        ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
        : granularity === 'HOURLY'
          ? t + 3_600_000
          : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
    out.push([t, Math.min(next, end)]);
    t = Math.min(next, end);
  }
  return out;
}

function dimensionValue(line: CostLine, key: string): string | undefined {
  switch (key) {
    case 'SERVICE':
      return line.service;
    case 'REGION':
      return line.region;
    case 'USAGE_TYPE':
      return line.usageType;
    case 'INSTANCE_TYPE':
      return line.instanceType;
    case 'LINKED_ACCOUNT':
      return '123456789012';
    case 'RECORD_TYPE':
      return 'Usage';
    default:
      return undefined;
  }
}

function matches(line: CostLine, expression: Expression | undefined): boolean {
  if (!expression) return true;
  if (expression.And) return expression.And.every((e) => matches(line, e));
  if (expression.Or) return expression.Or.some((e) => matches(line, e));
  if (expression.Not) return !matches(line, expression.Not);
  if (expression.Dimensions) {
    const value = dimensionValue(line, expression.Dimensions.Key ?? '');
    return value !== undefined && (expression.Dimensions.Values ?? []).includes(value);
  }
  if (expression.Tags) {
    const tag = line.tags.find((t) => t.Key === expression.Tags!.Key);
    if (expression.Tags.MatchOptions?.includes('ABSENT') && !tag) return true;
    return tag !== undefined && (expression.Tags.Values ?? []).includes(tag.Value);
  }
  return true;
}

function metricValues(lines: CostLine[], metrics: string[]): Record<string, MetricValue> {
  const cost = lines.reduce((a, l) => a + l.costUsd, 0);
  const usage = lines.reduce((a, l) => a + l.usage, 0);
  const units = new Set(lines.map((l) => l.usageUnit));
  return Object.fromEntries(
    metrics.map((m) => [
      m,
      COST_METRICS.includes(m)
        ? { Amount: cost.toFixed(10), Unit: 'USD' }
        : { Amount: usage.toFixed(10), Unit: units.size === 1 ? [...units][0] : 'N/A' },
    ]),
  );
}

/** AWS Cost Explorer (AWS JSON 1.1): GetCostAndUsage over the fleet's instance-hours and storage. */
export function costExplorerService(world: SimulatorWorld): ServiceDefinition {
  return {
    signingName: 'ce',
    schemas: costExplorerSchemas as unknown as Record<string, unknown>,
    jsonTarget: 'AWSInsightsIndexService',
    jsonVersion: '1.1',
    handlers: {
      GetCostAndUsage: handler((input: GetCostAndUsageRequest): GetCostAndUsageResponse => {
        const { state, now } = world.context();
        const start = parseDay(input.TimePeriod!.Start!, 'start date');
        const end = parseDay(input.TimePeriod!.End!, 'end date');
        if (end <= start) throw validation('Start date must be before end date.');
        const metrics = input.Metrics ?? [];
        if (metrics.length === 0) throw validation('Metrics is required.');
        for (const m of metrics) if (![...COST_METRICS, ...USAGE_METRICS].includes(m)) throw validation(`Invalid metric: ${m}.`);
        const groupBy = input.GroupBy ?? [];
        if (groupBy.length > 2) throw validation('You can group by at most two dimensions or tags.');
        const granularity = input.Granularity ?? 'MONTHLY';
        const results: ResultByTime[] = periods(start, end, granularity).map(([from, to]) => {
          const lines = costLines(state, from, to, now).filter((l) => matches(l, input.Filter));
          const timePeriod = { Start: formatDay(from, granularity), End: formatDay(to, granularity) };
          const estimated = to > now - 86_400_000;
          if (groupBy.length === 0)
            return { TimePeriod: timePeriod, Total: metricValues(lines, metrics), Groups: [], Estimated: estimated };
          const groups = new Map<string, CostLine[]>();
          for (const line of lines) {
            const keys = groupBy.map((g) =>
              g.Type === 'TAG'
                ? `${g.Key}$${line.tags.find((t) => t.Key === g.Key)?.Value ?? ''}`
                : (dimensionValue(line, g.Key ?? '') ?? 'NoDimension'),
            );
            const id = JSON.stringify(keys);
            groups.set(id, [...(groups.get(id) ?? []), line]);
          }
          const out: Group[] = [...groups].map(([id, groupLines]) => ({
            Keys: JSON.parse(id) as string[],
            Metrics: metricValues(groupLines, metrics),
          }));
          return { TimePeriod: timePeriod, Total: {}, Groups: out, Estimated: estimated };
        });
        return {
          ResultsByTime: results,
          GroupDefinitions: groupBy.map((g) => ({ Type: g.Type, Key: g.Key })),
          DimensionValueAttributes: [],
        };
      }),
    },
  };
}

function formatDay(t: number, granularity: string): string {
  const iso = new Date(t).toISOString();
  return granularity === 'HOURLY' ? `${iso.slice(0, 19)}Z` : iso.slice(0, 10);
}
