import { CloudWatchClient, paginateDescribeAlarms, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { BlueGreenDeployment, DBCluster, DBInstance, GlobalCluster, SourceType } from '@aws-sdk/client-rds';
import { allItems } from '../aws/all-items';
import type { AwsReads } from '../aws/gateway';
import { fetchMetricSeries } from './metric-series';
import {
  describeBlueGreenDeployment,
  describeCluster,
  describeGlobalCluster,
  describeInstance,
  listEvents,
  listInstances,
} from './rds-reads';
import type { AlarmsView, BlueGreenView, ClusterView, EventsView, GlobalClusterView, InstanceView, MetricView } from './views';
import { chooseFailoverTarget, parseRdsArn } from './views';

const iso = (date: Date | undefined): string | null => date?.toISOString() ?? null;

export function toInstanceView(i: DBInstance, writerIds: Set<string> = new Set()): InstanceView {
  const id = i.DBInstanceIdentifier ?? '';
  return {
    id,
    status: i.DBInstanceStatus ?? '',
    class: i.DBInstanceClass ?? '',
    az: i.AvailabilityZone ?? '',
    tier: i.PromotionTier ?? 1,
    clusterId: i.DBClusterIdentifier || null,
    isWriter: writerIds.has(id),
    engine: i.Engine ?? '',
    engineVersion: i.EngineVersion ?? '',
  };
}

export async function fetchClusterView(aws: AwsReads, clusterId: string, region?: string): Promise<ClusterView> {
  const cluster = await describeCluster(aws, clusterId, region);
  const instances = await listInstances(aws, region, { Filters: [{ Name: 'db-cluster-id', Values: [clusterId] }] });
  return toClusterView(cluster, instances, region ?? aws.region);
}

export function toClusterView(cluster: DBCluster, instances: DBInstance[], region: string): ClusterView {
  const memberRows = cluster.DBClusterMembers ?? [];
  const writerIds = new Set(memberRows.filter((m) => m.IsClusterWriter === true).map((m) => m.DBInstanceIdentifier ?? ''));
  const tierById = new Map(memberRows.map((m) => [m.DBInstanceIdentifier ?? '', m.PromotionTier]));
  const members = instances.map((i) => {
    const view = toInstanceView(i, writerIds);
    const tier = tierById.get(view.id);
    return tier !== undefined ? { ...view, tier } : view;
  });
  members.sort((a, b) => Number(b.isWriter) - Number(a.isWriter) || a.tier - b.tier || a.id.localeCompare(b.id));
  const writer = members.find((m) => m.isWriter)?.id ?? null;
  const readers = members.filter((m) => !m.isWriter);
  const status = cluster.Status ?? '';
  const arn = cluster.DBClusterArn ?? '';
  return {
    id: cluster.DBClusterIdentifier ?? '',
    arn,
    region: parseRdsArn(arn)?.region ?? region,
    status,
    engine: cluster.Engine ?? '',
    engineVersion: cluster.EngineVersion ?? '',
    writer,
    readers: readers.map((r) => r.id),
    members,
    readerAzs: [...new Set(readers.filter((r) => r.status === 'available').map((r) => r.az))].sort(),
    failoverTarget: chooseFailoverTarget(members),
    parameterGroup: cluster.DBClusterParameterGroup ?? '',
    globalClusterId: cluster.GlobalClusterIdentifier || null,
    endpoint: cluster.Endpoint ?? '',
    readerEndpoint: cluster.ReaderEndpoint ?? '',
    deletionProtection: cluster.DeletionProtection === true,
    allAvailable: status === 'available' && members.every((m) => m.status === 'available'),
    tags: tagsOf(cluster),
  };
}

/** A resource's `TagList` as key → value. */
export function tagsOf(resource: { TagList?: Array<{ Key?: string; Value?: string }> }): Record<string, string> {
  return Object.fromEntries((resource.TagList ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

export async function fetchInstanceView(aws: AwsReads, instanceId: string, region?: string): Promise<InstanceView> {
  const view = toInstanceView(await describeInstance(aws, instanceId, region));
  if (!view.clusterId) return view;
  const cluster = await describeCluster(aws, view.clusterId, region);
  const isWriter = (cluster.DBClusterMembers ?? []).some((m) => m.DBInstanceIdentifier === instanceId && m.IsClusterWriter === true);
  return { ...view, isWriter };
}

export async function fetchGlobalClusterView(aws: AwsReads, globalId: string, region?: string): Promise<GlobalClusterView> {
  return toGlobalClusterView(await describeGlobalCluster(aws, globalId, region));
}

export function toGlobalClusterView(g: GlobalCluster): GlobalClusterView {
  const members = (g.GlobalClusterMembers ?? []).map((m) => {
    const arn = m.DBClusterArn ?? '';
    const parsed = parseRdsArn(arn);
    return {
      clusterArn: arn,
      clusterId: parsed?.id ?? arn,
      region: parsed?.region ?? '',
      isWriter: m.IsWriter === true,
      syncStatus: m.SynchronizationStatus ?? '',
      readers: m.Readers ?? [],
    };
  });
  const primary = members.find((m) => m.isWriter) ?? null;
  const fs = g.FailoverState;
  return {
    id: g.GlobalClusterIdentifier ?? '',
    status: g.Status ?? '',
    engine: g.Engine ?? '',
    engineVersion: g.EngineVersion ?? '',
    members,
    primaryRegion: primary?.region ?? null,
    primaryClusterArn: primary?.clusterArn ?? null,
    primaryClusterId: primary?.clusterId ?? null,
    secondaryRegions: members.filter((m) => !m.isWriter).map((m) => m.region),
    failoverState: fs?.Status
      ? {
          status: fs.Status,
          from: fs.FromDbClusterArn ?? '',
          to: fs.ToDbClusterArn ?? '',
          dataLossAllowed: fs.IsDataLossAllowed === true,
        }
      : null,
  };
}

export async function fetchBlueGreenView(aws: AwsReads, idOrName: string, region?: string): Promise<BlueGreenView> {
  return toBlueGreenView(await describeBlueGreenDeployment(aws, idOrName, region));
}

export function toBlueGreenView(d: BlueGreenDeployment): BlueGreenView {
  const source = d.Source ?? '';
  const target = d.Target ?? '';
  return {
    id: d.BlueGreenDeploymentIdentifier ?? '',
    name: d.BlueGreenDeploymentName ?? '',
    status: d.Status ?? '',
    statusDetails: d.StatusDetails ?? '',
    source,
    target,
    sourceClusterId: parseRdsArn(source)?.id ?? source,
    targetClusterId: parseRdsArn(target)?.id ?? target,
    tasks: (d.Tasks ?? []).map((t) => ({ name: t.Name ?? '', status: t.Status ?? '' })),
    switchover: (d.SwitchoverDetails ?? []).map((s) => ({
      source: s.SourceMember ?? '',
      target: s.TargetMember ?? '',
      status: s.Status ?? '',
    })),
    createdAt: iso(d.CreateTime),
    deletedAt: iso(d.DeleteTime),
  };
}

export async function fetchMetricView(aws: AwsReads, source: MetricSource, now: Date = new Date()): Promise<MetricView> {
  const series = await fetchMetricSeries(aws, source.region, {
    StartTime: new Date(now.getTime() - source.windowSeconds * 1000),
    EndTime: now,
    MetricDataQueries: [metricQuery('m', source)],
  });
  const { values = [], timestamps = [] } = series.get('m') ?? {};
  return metricView(
    source,
    values,
    timestamps.map((t) => t.toISOString()),
  );
}

/** The GetMetricData query of one metric source, under the query id `id`. */
export function metricQuery(id: string, source: MetricSource): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: source.namespace,
        MetricName: source.name,
        Dimensions: Object.entries(source.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: source.periodSeconds,
      Stat: source.stat,
    },
  };
}

/** What a metric observation names. */
export interface MetricSource {
  name: string;
  namespace: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSeconds: number;
  windowSeconds: number;
  region?: string;
}

export function metricView(
  query: { name: string; stat: string; dimensions: Record<string, string>; windowSeconds: number },
  values: number[],
  timestamps: string[],
): MetricView {
  const { name, stat, dimensions, windowSeconds } = query;
  // CloudWatch returns newest first; `latest` is the newest datapoint.
  const newestFirst =
    timestamps.length === values.length && timestamps.length > 1 && timestamps[0] < timestamps[timestamps.length - 1]
      ? values.slice().reverse()
      : values;
  return {
    name,
    stat,
    dimensions,
    windowSeconds,
    values,
    timestamps,
    count: values.length,
    max: values.length ? Math.max(...values) : null,
    min: values.length ? Math.min(...values) : null,
    avg: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
    latest: newestFirst.length ? newestFirst[0] : null,
  };
}

export async function fetchAlarmsView(aws: AwsReads, source: { prefix?: string; names?: string[]; region?: string }): Promise<AlarmsView> {
  const input = {
    ...(source.prefix ? { AlarmNamePrefix: source.prefix } : {}),
    ...(source.names?.length ? { AlarmNames: source.names } : {}),
  };
  const client = aws.readClient(CloudWatchClient, source.region);
  const found = await allItems(paginateDescribeAlarms({ client }, input), (page) => [
    ...(page.MetricAlarms ?? []),
    ...(page.CompositeAlarms ?? []),
  ]);
  const alarms = found.map((a) => ({ name: a.AlarmName ?? '', state: a.StateValue ?? '', reason: a.StateReason ?? '' }));
  return {
    alarms,
    inAlarm: alarms.filter((a) => a.state === 'ALARM').length,
    insufficientData: alarms.filter((a) => a.state === 'INSUFFICIENT_DATA').length,
    names: alarms.map((a) => a.name),
  };
}

export async function fetchEventsView(
  aws: AwsReads,
  source: { sourceId: string; sourceType: string; minutes: number; region?: string },
): Promise<EventsView> {
  const found = await listEvents(aws, source.region, {
    SourceIdentifier: source.sourceId,
    // The runbook's word; AWS rejects a source type it does not know.
    SourceType: source.sourceType as SourceType,
    Duration: source.minutes,
  });
  const events = found.map((e) => ({
    date: iso(e.Date) ?? '',
    message: e.Message ?? '',
    categories: e.EventCategories ?? [],
    sourceId: e.SourceIdentifier ?? '',
  }));
  return { events, messages: events.map((e) => e.message), count: events.length };
}
