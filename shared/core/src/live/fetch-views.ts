import type { AwsGateway } from '../aws/gateway';
import type { AlarmsView, BlueGreenView, ClusterView, EventsView, GlobalClusterView, InstanceView, MetricView } from './views';
import { chooseFailoverTarget, parseRdsArn } from './views';

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** Every page of a Marker-paginated RDS describe call. */
async function describeAll(aws: AwsGateway, operation: string, input: Json, key: string, region?: string): Promise<Json[]> {
  const items: Json[] = [];
  let marker: string | undefined;
  do {
    const page = await aws.call('rds', operation, { ...input, ...(marker ? { Marker: marker } : {}) }, { region });
    items.push(...list(page[key]));
    marker = str(page.Marker) || undefined;
  } while (marker);
  return items;
}

export function toInstanceView(i: Json, writerIds: Set<string> = new Set()): InstanceView {
  const id = str(i.DBInstanceIdentifier);
  return {
    id,
    status: str(i.DBInstanceStatus),
    class: str(i.DBInstanceClass),
    az: str(i.AvailabilityZone),
    tier: typeof i.PromotionTier === 'number' ? i.PromotionTier : 1,
    clusterId: str(i.DBClusterIdentifier) || null,
    isWriter: writerIds.has(id),
    engine: str(i.Engine),
    engineVersion: str(i.EngineVersion),
  };
}

export async function fetchClusterView(aws: AwsGateway, clusterId: string, region?: string): Promise<ClusterView> {
  const [cluster] = list((await aws.call('rds', 'DescribeDBClusters', { DBClusterIdentifier: clusterId }, { region })).DBClusters);
  if (!cluster) throw new Error(`cluster ${clusterId} not found`);
  const instances = await describeAll(
    aws,
    'DescribeDBInstances',
    { Filters: [{ Name: 'db-cluster-id', Values: [clusterId] }] },
    'DBInstances',
    region,
  );
  return toClusterView(cluster, instances, region ?? aws.region);
}

export function toClusterView(cluster: Json, instances: Json[], region: string): ClusterView {
  const memberRows = list(cluster.DBClusterMembers);
  const writerIds = new Set(memberRows.filter((m) => m.IsClusterWriter === true).map((m) => str(m.DBInstanceIdentifier)));
  const tierById = new Map(memberRows.map((m) => [str(m.DBInstanceIdentifier), m.PromotionTier]));
  const members = instances.map((i) => {
    const view = toInstanceView(i, writerIds);
    const tier = tierById.get(view.id);
    return typeof tier === 'number' ? { ...view, tier } : view;
  });
  members.sort((a, b) => Number(b.isWriter) - Number(a.isWriter) || a.tier - b.tier || a.id.localeCompare(b.id));
  const writer = members.find((m) => m.isWriter)?.id ?? null;
  const readers = members.filter((m) => !m.isWriter);
  const status = str(cluster.Status);
  const arn = str(cluster.DBClusterArn);
  return {
    id: str(cluster.DBClusterIdentifier),
    arn,
    region: parseRdsArn(arn)?.region ?? region,
    status,
    engine: str(cluster.Engine),
    engineVersion: str(cluster.EngineVersion),
    writer,
    readers: readers.map((r) => r.id),
    members,
    readerAzs: [...new Set(readers.filter((r) => r.status === 'available').map((r) => r.az))].sort(),
    failoverTarget: chooseFailoverTarget(members),
    parameterGroup: str(cluster.DBClusterParameterGroup),
    globalClusterId: str(cluster.GlobalClusterIdentifier) || null,
    endpoint: str(cluster.Endpoint),
    readerEndpoint: str(cluster.ReaderEndpoint),
    deletionProtection: cluster.DeletionProtection === true,
    allAvailable: status === 'available' && members.every((m) => m.status === 'available'),
    tags: Object.fromEntries(list(cluster.TagList).map((t) => [str(t.Key), str(t.Value)])),
  };
}

export async function fetchInstanceView(aws: AwsGateway, instanceId: string, region?: string): Promise<InstanceView> {
  const [instance] = list((await aws.call('rds', 'DescribeDBInstances', { DBInstanceIdentifier: instanceId }, { region })).DBInstances);
  if (!instance) throw new Error(`instance ${instanceId} not found`);
  const view = toInstanceView(instance);
  if (!view.clusterId) return view;
  const [cluster] = list((await aws.call('rds', 'DescribeDBClusters', { DBClusterIdentifier: view.clusterId }, { region })).DBClusters);
  const isWriter = list(cluster?.DBClusterMembers).some((m) => str(m.DBInstanceIdentifier) === instanceId && m.IsClusterWriter === true);
  return { ...view, isWriter };
}

export async function fetchGlobalClusterView(aws: AwsGateway, globalId: string, region?: string): Promise<GlobalClusterView> {
  const [g] = list((await aws.call('rds', 'DescribeGlobalClusters', { GlobalClusterIdentifier: globalId }, { region })).GlobalClusters);
  if (!g) throw new Error(`global cluster ${globalId} not found`);
  const members = list(g.GlobalClusterMembers).map((m) => {
    const arn = str(m.DBClusterArn);
    const parsed = parseRdsArn(arn);
    return {
      clusterArn: arn,
      clusterId: parsed?.id ?? arn,
      region: parsed?.region ?? '',
      isWriter: m.IsWriter === true,
      syncStatus: str(m.SynchronizationStatus),
      readers: (Array.isArray(m.Readers) ? (m.Readers as unknown[]) : []).map(str),
    };
  });
  const primary = members.find((m) => m.isWriter) ?? null;
  const fs = g.FailoverState as Json | undefined;
  return {
    id: str(g.GlobalClusterIdentifier),
    status: str(g.Status),
    engine: str(g.Engine),
    engineVersion: str(g.EngineVersion),
    members,
    primaryRegion: primary?.region ?? null,
    primaryClusterArn: primary?.clusterArn ?? null,
    primaryClusterId: primary?.clusterId ?? null,
    secondaryRegions: members.filter((m) => !m.isWriter).map((m) => m.region),
    failoverState:
      fs && str(fs.Status)
        ? {
            status: str(fs.Status),
            from: str(fs.FromDbClusterArn),
            to: str(fs.ToDbClusterArn),
            dataLossAllowed: fs.IsDataLossAllowed === true,
          }
        : null,
  };
}

export async function fetchBlueGreenView(aws: AwsGateway, idOrName: string, region?: string): Promise<BlueGreenView> {
  const byId = idOrName.startsWith('bgd-');
  const input = byId
    ? { BlueGreenDeploymentIdentifier: idOrName }
    : { Filters: [{ Name: 'blue-green-deployment-name', Values: [idOrName] }] };
  const [d] = list((await aws.call('rds', 'DescribeBlueGreenDeployments', input, { region })).BlueGreenDeployments);
  if (!d) throw new Error(`blue/green deployment ${idOrName} not found`);
  return toBlueGreenView(d);
}

export function toBlueGreenView(d: Json): BlueGreenView {
  const source = str(d.Source);
  const target = str(d.Target);
  return {
    id: str(d.BlueGreenDeploymentIdentifier),
    name: str(d.BlueGreenDeploymentName),
    status: str(d.Status),
    statusDetails: str(d.StatusDetails),
    source,
    target,
    sourceClusterId: parseRdsArn(source)?.id ?? source,
    targetClusterId: parseRdsArn(target)?.id ?? target,
    tasks: list(d.Tasks).map((t) => ({ name: str(t.Name), status: str(t.Status) })),
    switchover: list(d.SwitchoverDetails).map((s) => ({
      source: str(s.SourceMember),
      target: str(s.TargetMember),
      status: str(s.Status),
    })),
    createdAt: str(d.CreateTime) || null,
    deletedAt: str(d.DeleteTime) || null,
  };
}

export async function fetchMetricView(
  aws: AwsGateway,
  source: {
    name: string;
    namespace: string;
    dimensions: Record<string, string>;
    stat: string;
    periodSeconds: number;
    windowSeconds: number;
    region?: string;
  },
  now: Date = new Date(),
): Promise<MetricView> {
  const output = await aws.call(
    'cloudwatch',
    'GetMetricData',
    {
      StartTime: new Date(now.getTime() - source.windowSeconds * 1000),
      EndTime: now,
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: {
              Namespace: source.namespace,
              MetricName: source.name,
              Dimensions: Object.entries(source.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: source.periodSeconds,
            Stat: source.stat,
          },
        },
      ],
    },
    { region: source.region },
  );
  const [result] = list(output.MetricDataResults);
  const values = (Array.isArray(result?.Values) ? (result.Values as number[]) : []).slice();
  const timestamps = (Array.isArray(result?.Timestamps) ? (result.Timestamps as unknown[]) : []).map(str);
  return metricView(source.name, source.stat, values, timestamps);
}

export function metricView(name: string, stat: string, values: number[], timestamps: string[]): MetricView {
  // CloudWatch returns newest first; `latest` is the newest datapoint.
  const newestFirst =
    timestamps.length === values.length && timestamps.length > 1 && timestamps[0] < timestamps[timestamps.length - 1]
      ? values.slice().reverse()
      : values;
  return {
    name,
    stat,
    values,
    timestamps,
    count: values.length,
    max: values.length ? Math.max(...values) : null,
    min: values.length ? Math.min(...values) : null,
    avg: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
    latest: newestFirst.length ? newestFirst[0] : null,
  };
}

export async function fetchAlarmsView(
  aws: AwsGateway,
  source: { prefix?: string; names?: string[]; region?: string },
): Promise<AlarmsView> {
  const alarms: AlarmsView['alarms'] = [];
  let next: string | undefined;
  do {
    const page = await aws.call(
      'cloudwatch',
      'DescribeAlarms',
      {
        ...(source.prefix ? { AlarmNamePrefix: source.prefix } : {}),
        ...(source.names?.length ? { AlarmNames: source.names } : {}),
        ...(next ? { NextToken: next } : {}),
      },
      { region: source.region },
    );
    for (const a of list(page.MetricAlarms).concat(list(page.CompositeAlarms))) {
      alarms.push({ name: str(a.AlarmName), state: str(a.StateValue), reason: str(a.StateReason) });
    }
    next = str(page.NextToken) || undefined;
  } while (next);
  return {
    alarms,
    inAlarm: alarms.filter((a) => a.state === 'ALARM').length,
    insufficientData: alarms.filter((a) => a.state === 'INSUFFICIENT_DATA').length,
    names: alarms.map((a) => a.name),
  };
}

export async function fetchEventsView(
  aws: AwsGateway,
  source: { sourceId: string; sourceType: string; minutes: number; region?: string },
): Promise<EventsView> {
  const events = (
    await describeAll(
      aws,
      'DescribeEvents',
      { SourceIdentifier: source.sourceId, SourceType: source.sourceType, Duration: source.minutes },
      'Events',
      source.region,
    )
  ).map((e) => ({
    date: str(e.Date),
    message: str(e.Message),
    categories: (Array.isArray(e.EventCategories) ? (e.EventCategories as unknown[]) : []).map(str),
    sourceId: str(e.SourceIdentifier),
  }));
  return { events, messages: events.map((e) => e.message), count: events.length };
}
