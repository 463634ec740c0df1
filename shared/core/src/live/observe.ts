import { AwsCallError, type AwsReads } from '../aws/gateway';
import { ResourceNotFoundError, type ResourceKind } from './resource-not-found';
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
import { observerFor, type Freshness } from './observer';
import { PollMemory } from './shared-reads';

/** The kinds the shared observer reads. */
const SHARED: Record<string, true> = { cluster: true, 'global-cluster': true, 'blue-green': true, metric: true };

/**
 * Clusters, blue/green deployments, global databases and metrics are read through the gateway's
 * shared observer when it has one (observer.ts), as fresh as the `Freshness` asks; the other kinds
 * are read when asked.
 */
export type { Freshness };

/**
 * The freshness of a poll every `intervalMs` (a wait, a check's watch window), one per wait: an
 * observation less than an interval old (another run's read, shared) and begun after the one its
 * previous poll saw; its first poll reads after it asks. So a poll never sees state older than its
 * interval, never its own previous read again, and never a read made before the wait began (a
 * wait after a change cannot be answered by the state before it).
 */
export function pollFreshness(intervalMs: number): Freshness {
  return { maxAgeMs: intervalMs, poller: new PollMemory() };
}

/** Fetches the live object one observe source names (after its templates are rendered); data guards read SQL. */
export async function observe(
  aws: AwsReads,
  source: ObserveSource,
  data: DataGuardPorts = {},
  freshness: Freshness = { maxAgeMs: 0 },
): Promise<unknown> {
  const shared = await observeShared(aws, source, freshness);
  if (shared.observed) return shared.value;
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

/** A cluster, blue/green deployment, global database or metric through the gateway's shared observer, when it has one. */
async function observeShared(aws: AwsReads, source: ObserveSource, freshness: Freshness): Promise<{ observed: boolean; value?: unknown }> {
  if (!SHARED[source.kind]) return { observed: false };
  const observer = observerFor(aws, ('region' in source ? source.region : undefined) ?? aws.region);
  if (!observer) return { observed: false };
  switch (source.kind) {
    case 'cluster':
      return { observed: true, value: await observer.cluster(source.id, freshness) };
    case 'global-cluster':
      return { observed: true, value: await observer.globalCluster(source.id, freshness) };
    case 'blue-green':
      return { observed: true, value: await observer.deployment(source.id, freshness) };
    case 'metric':
      return { observed: true, value: await observer.metric(source, freshness) };
    default:
      return { observed: false };
  }
}

/** Observes every named source of a block, in parallel. */
export async function observeAll(
  aws: AwsReads,
  sources: Record<string, ObserveSource>,
  data: DataGuardPorts = {},
  freshness: Freshness = { maxAgeMs: 0 },
): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(sources).map(async ([name, source]) => [name, await observeOrReadError(aws, source, data, freshness)] as const),
  );
  return Object.fromEntries(entries);
}

/** The fault AWS answers for each kind that does not exist (botocore rds 2014-10-31 error shapes). */
const NOT_FOUND_CODES: Record<ResourceKind, string> = {
  cluster: 'DBClusterNotFoundFault',
  instance: 'DBInstanceNotFoundFault',
  'global-cluster': 'GlobalClusterNotFoundFault',
  'blue-green': 'BlueGreenDeploymentNotFoundFault',
};

/** The live object, or for an `optional` AWS source that AWS refused or did not answer, `{ readError }`. */
async function observeOrReadError(aws: AwsReads, source: ObserveSource, data: DataGuardPorts, freshness: Freshness): Promise<unknown> {
  try {
    return await observe(aws, source, data, freshness);
  } catch (error) {
    const optional = 'optional' in source && source.optional === true;
    if (!optional) throw error;
    // AWS has no such resource: the code AWS's not-found fault has (DBClusterNotFoundFault, …).
    if (error instanceof ResourceNotFoundError) {
      return { readError: { code: NOT_FOUND_CODES[error.kind], message: error.message, hint: null, operation: null } };
    }
    if (!(error instanceof AwsCallError) || error.code === 'AbortError') throw error;
    return { readError: { code: error.code, message: error.awsMessage, hint: error.hint ?? null, operation: error.operation } };
  }
}
