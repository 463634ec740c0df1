/**
 * One observer per gateway (a host keeps one gateway per account and region) and region serves
 * every run's `observe:` reads of clusters, blue/green deployments, global databases and metrics,
 * batched (shared-reads.ts):
 * - clusters: one paginated DescribeDBClusters and one paginated DescribeDBInstances, both filtered
 *   on `db-cluster-id` (up to 100 identifiers per filter), serve every cluster due;
 * - blue/green deployments: DescribeBlueGreenDeployments filtered on `blue-green-deployment-identifier`
 *   (and on `blue-green-deployment-name` for the ones named by name);
 * - global databases: one paginated DescribeGlobalClusters (account-wide, and its only filter is `region`);
 * - metrics: GetMetricData with up to 500 queries per request, one request per window length.
 * The filters and limits are those of the RDS and CloudWatch API references (DescribeDBClusters
 * `Filters`, DescribeBlueGreenDeployments `Filters`, GetMetricData `MetricDataQueries`: 500 at most).
 * Every call goes through the gateway's clients, and so through its rate limit.
 */
import type { AwsReads } from '../aws/gateway';
import { ResourceNotFoundError, type ResourceKind } from './resource-not-found';
import {
  metricQuery,
  metricView,
  toBlueGreenView,
  toClusterView,
  toGlobalClusterView,
  fetchBlueGreenView,
  fetchClusterView,
  fetchGlobalClusterView,
  fetchMetricView,
  type MetricSource,
} from './fetch-views';
import { metricQueryChunks } from './metric-batches';
import { fetchMetricSeries } from './metric-series';
import { listBlueGreenDeployments, listClusters, listGlobalClusters, listInstances } from './rds-reads';
import { SharedReads, type PollMemory, type ReadOutcome } from './shared-reads';
import type { BlueGreenView, ClusterView, GlobalClusterView, MetricView } from './views';

/** Identifiers per RDS filter: the observer's own cap, so one request stays small. */
const IDS_PER_FILTER = 100;

/** How long a batch waits for other runs' requests before it starts (shared-reads.ts). */
const COALESCE_MS = 25;

/**
 * How fresh an observation must be: begun less than `maxAgeMs` ago (0: after it is asked for) and,
 * for a poll, after the read that answered the same poller's previous poll.
 */
export interface Freshness {
  maxAgeMs: number;
  poller?: PollMemory;
}

export interface ObserverOptions {
  now?: () => number;
  /** The clock metric windows end at (default: the wall clock). */
  date?: () => Date;
}

export class Observer {
  readonly clusters: SharedReads<ClusterView>;
  readonly blueGreen: SharedReads<BlueGreenView>;
  readonly globalClusters: SharedReads<GlobalClusterView>;
  readonly metrics: SharedReads<MetricView>;

  constructor(
    private readonly aws: AwsReads,
    readonly region: string,
    options: ObserverOptions = {},
  ) {
    const date = options.date ?? (() => new Date());
    const now = options.now;
    const coalesceMs = COALESCE_MS;
    this.clusters = new SharedReads({
      now,
      coalesceMs,
      readBatch: (ids) => this.readClusters(ids),
      readOne: (id) => outcomeOf(fetchClusterView(aws, id, region)),
    });
    this.blueGreen = new SharedReads({
      now,
      coalesceMs,
      readBatch: (keys) => this.readBlueGreen(keys),
      readOne: (key) => outcomeOf(fetchBlueGreenView(aws, key, region)),
    });
    this.globalClusters = new SharedReads({
      now,
      coalesceMs,
      readBatch: (ids) => this.readGlobalClusters(ids),
      readOne: (id) => outcomeOf(fetchGlobalClusterView(aws, id, region)),
    });
    this.metrics = new SharedReads({
      now,
      coalesceMs,
      readBatch: (keys) => this.readMetrics(keys, date()),
      readOne: (key) => outcomeOf(fetchMetricView(aws, { ...JSON.parse(key), region }, date())),
    });
  }

  cluster(id: string, freshness: Freshness): Promise<ClusterView> {
    return this.clusters.get(id, freshness.maxAgeMs, freshness.poller);
  }

  deployment(idOrName: string, freshness: Freshness): Promise<BlueGreenView> {
    return this.blueGreen.get(idOrName, freshness.maxAgeMs, freshness.poller);
  }

  globalCluster(id: string, freshness: Freshness): Promise<GlobalClusterView> {
    return this.globalClusters.get(id, freshness.maxAgeMs, freshness.poller);
  }

  metric(source: MetricSource, freshness: Freshness): Promise<MetricView> {
    return this.metrics.get(metricKey(source), freshness.maxAgeMs, freshness.poller);
  }

  private async readClusters(ids: string[]): Promise<Map<string, ReadOutcome<ClusterView>>> {
    const chunks = chunked(ids, IDS_PER_FILTER);
    const read = await Promise.all(
      chunks.map(async (chunk) => {
        const Filters = [{ Name: 'db-cluster-id', Values: chunk }];
        return Promise.all([listClusters(this.aws, this.region, { Filters }), listInstances(this.aws, this.region, { Filters })]);
      }),
    );
    const clusters = read.flatMap(([c]) => c);
    const instances = read.flatMap(([, i]) => i);
    return answer(ids, 'cluster', this.region, (id) => {
      const cluster = clusters.find((c) => sameId(c.DBClusterIdentifier, id) || c.DBClusterArn === id);
      if (!cluster) return undefined;
      const members = instances.filter((i) => sameId(i.DBClusterIdentifier, cluster.DBClusterIdentifier ?? ''));
      return toClusterView(cluster, members, this.region);
    });
  }

  private async readBlueGreen(keys: string[]): Promise<Map<string, ReadOutcome<BlueGreenView>>> {
    const ids = keys.filter((k) => k.startsWith('bgd-'));
    const names = keys.filter((k) => !k.startsWith('bgd-'));
    const reads = [
      ...chunked(ids, IDS_PER_FILTER).map((Values) => ({ Name: 'blue-green-deployment-identifier', Values })),
      ...chunked(names, IDS_PER_FILTER).map((Values) => ({ Name: 'blue-green-deployment-name', Values })),
    ].map((filter) => listBlueGreenDeployments(this.aws, this.region, { Filters: [filter] }));
    const found = (await Promise.all(reads)).flat();
    return answer(keys, 'blue-green', this.region, (key) => {
      const d = found.find((d) => (key.startsWith('bgd-') ? d.BlueGreenDeploymentIdentifier === key : d.BlueGreenDeploymentName === key));
      return d && toBlueGreenView(d);
    });
  }

  private async readGlobalClusters(ids: string[]): Promise<Map<string, ReadOutcome<GlobalClusterView>>> {
    const found = await listGlobalClusters(this.aws, this.region);
    return answer(ids, 'global-cluster', this.region, (id) => {
      const g = found.find((g) => sameId(g.GlobalClusterIdentifier, id) || g.GlobalClusterArn === id);
      return g && toGlobalClusterView(g);
    });
  }

  /** One GetMetricData per window length and 500 queries: every query of a request shares its start and end. */
  private async readMetrics(keys: string[], now: Date): Promise<Map<string, ReadOutcome<MetricView>>> {
    const sources = new Map(keys.map((k) => [k, JSON.parse(k) as MetricSource]));
    const byWindow = new Map<number, string[]>();
    for (const [key, s] of sources) byWindow.set(s.windowSeconds, [...(byWindow.get(s.windowSeconds) ?? []), key]);
    const out = new Map<string, ReadOutcome<MetricView>>();
    const requests = [...byWindow].flatMap(([windowSeconds, windowKeys]) =>
      metricQueryChunks(windowKeys, (key, id) => metricQuery(id, sources.get(key)!)).map(async ({ queries, items }) => {
        const series = await fetchMetricSeries(this.aws, this.region, {
          StartTime: new Date(now.getTime() - windowSeconds * 1000),
          EndTime: now,
          MetricDataQueries: queries,
        });
        for (const [id, key] of items) {
          const { values = [], timestamps = [] } = series.get(id) ?? {};
          out.set(key, {
            value: metricView(
              sources.get(key)!,
              values,
              timestamps.map((t) => t.toISOString()),
            ),
          });
        }
      }),
    );
    await Promise.all(requests);
    return out;
  }
}

/** The key of a metric observation: everything that makes its query, in a fixed order. */
export function metricKey(s: MetricSource): string {
  const dimensions = Object.fromEntries(Object.entries(s.dimensions).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({
    namespace: s.namespace,
    name: s.name,
    dimensions,
    stat: s.stat,
    periodSeconds: s.periodSeconds,
    windowSeconds: s.windowSeconds,
  });
}

const observers = new WeakMap<AwsReads, Map<string, Observer>>();

/** The observer of `aws` in `region`, shared by every caller; undefined when the gateway does not share observations. */
export function observerFor(aws: AwsReads, region: string = aws.region): Observer | undefined {
  if (!aws.sharedObservations) return undefined;
  let byRegion = observers.get(aws);
  if (!byRegion) observers.set(aws, (byRegion = new Map()));
  let observer = byRegion.get(region);
  if (!observer) byRegion.set(region, (observer = new Observer(aws, region)));
  return observer;
}

/** RDS identifiers are not case-sensitive (AWS stores them in lowercase). */
function sameId(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

function answer<V>(keys: string[], kind: ResourceKind, region: string, find: (key: string) => V | undefined): Map<string, ReadOutcome<V>> {
  return new Map(
    keys.map((key) => {
      const value = find(key);
      return [key, value !== undefined ? { value } : { error: new ResourceNotFoundError(kind, key, region) }];
    }),
  );
}

async function outcomeOf<V>(read: Promise<V>): Promise<ReadOutcome<V>> {
  try {
    return { value: await read };
  } catch (error) {
    if (error instanceof ResourceNotFoundError) return { error };
    throw error;
  }
}

function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
