import type { AwsReads } from '../aws/gateway';
import type { ObserveSource } from '../runbook/model';
import { observeDataGuard, type DataGuardPorts } from '../sql/guards/observe-data-guard';
import {
  fetchAlarmsView,
  fetchBlueGreenView,
  fetchClusterView,
  fetchEventsView,
  fetchGlobalClusterView,
  fetchInstanceView,
  fetchMetricView,
} from './fetch-views';

/** Fetches the live object one observe source names (after its templates are rendered); data guards read SQL. */
export async function observe(aws: AwsReads, source: ObserveSource, data: DataGuardPorts = {}): Promise<unknown> {
  switch (source.kind) {
    case 'cluster':
      return fetchClusterView(aws, source.id, source.region);
    case 'instance':
      return fetchInstanceView(aws, source.id, source.region);
    case 'global-cluster':
      return fetchGlobalClusterView(aws, source.id, source.region);
    case 'blue-green':
      return fetchBlueGreenView(aws, source.id, source.region);
    case 'metric':
      return fetchMetricView(aws, source);
    case 'alarms':
      return fetchAlarmsView(aws, source);
    case 'events':
      return fetchEventsView(aws, source);
    case 'checksum':
    case 'replay':
    case 'slots':
    case 'pg-lag':
    case 'pg-settings':
      return observeDataGuard(source, data);
  }
}

/** Observes every named source of a block, in parallel. */
export async function observeAll(
  aws: AwsReads,
  sources: Record<string, ObserveSource>,
  data: DataGuardPorts = {},
): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(sources).map(async ([name, source]) => [name, await observe(aws, source, data)] as const),
  );
  return Object.fromEntries(entries);
}
