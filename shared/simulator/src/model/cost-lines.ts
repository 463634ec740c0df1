import type { DbCluster, DbInstance, SimState, Tag } from './types';
import { CLUSTER_VOLUME_GB, IO_INTERVAL_MS, meanIoPerInterval } from './volume';

/**
 * The simulator's price list: On-Demand Aurora (PostgreSQL and MySQL alike), Aurora Standard, as
 * of 2026-08 in us-east-1 — a static snapshot, not the live price list (AWS-FACTS §5). us-east-2
 * and us-west-2 cost the same as us-east-1; other regions are approximated at +10 %. The bill
 * below (Cost Explorer) and the Price List service (GetProducts) both read it, so an estimate
 * priced through the simulator's GetProducts matches its bill.
 */
export const SIM_PRICES = {
  publicationDate: '2026-08-01T00:00:00Z',
  instanceHourly: {
    'db.t4g.medium': 0.073,
    'db.r6g.large': 0.26,
    'db.r6g.xlarge': 0.519,
    'db.r6g.2xlarge': 1.038,
    'db.r7g.large': 0.276,
    'db.r7g.xlarge': 0.553,
    'db.r7g.2xlarge': 1.106,
  } as Record<string, number>,
  /** What the bill charges for a class the price list does not carry. */
  unlistedClassHourly: 0.5,
  serverlessAcuHourly: 0.12,
  storageGbMonth: 0.1,
  ioPerMillion: 0.2,
  /** Aurora I/O-Optimized: compute ×1.30, storage $0.225/GB-month, no I/O charge. */
  ioOptimized: { computeFactor: 1.3, storageGbMonth: 0.225 },
  regionFactors: { 'us-east-1': 1, 'us-east-2': 1, 'us-west-2': 1 } as Record<string, number>,
  defaultRegionFactor: 1.1,
};

const HOURS_PER_MONTH = 730;

export const RDS_SERVICE = 'Amazon Relational Database Service';

export interface CostLine {
  service: string;
  region: string;
  usageType: string;
  instanceType?: string;
  tags: Tag[];
  costUsd: number;
  usage: number;
  usageUnit: 'Hrs' | 'GB-Mo' | 'IOs';
}

export function regionFactor(region: string): number {
  return SIM_PRICES.regionFactors[region] ?? SIM_PRICES.defaultRegionFactor;
}

export function hourlyPrice(instanceClass: string, region: string): number {
  return (SIM_PRICES.instanceHourly[instanceClass] ?? SIM_PRICES.unlistedClassHourly) * regionFactor(region);
}

/** AWS's usage-type region prefixes (us-east-1 has none). */
const USAGE_PREFIX: Record<string, string> = {
  'us-east-1': '',
  'us-east-2': 'USE2-',
  'us-west-1': 'USW1-',
  'us-west-2': 'USW2-',
  'ca-central-1': 'CAN1-',
  'eu-west-1': 'EU-',
  'eu-west-2': 'EUW2-',
  'eu-west-3': 'EUW3-',
  'eu-central-1': 'EUC1-',
  'eu-north-1': 'EUN1-',
  'ap-south-1': 'APS3-',
  'ap-southeast-1': 'APS1-',
  'ap-southeast-2': 'APS2-',
  'ap-northeast-1': 'APN1-',
  'ap-northeast-2': 'APN2-',
  'sa-east-1': 'SAE1-',
};

export function usagePrefix(region: string): string {
  return USAGE_PREFIX[region] ?? `${region.toUpperCase()}-`;
}

function instanceLine(region: string, instanceClass: string, tags: Tag[], h: number): CostLine {
  return {
    service: RDS_SERVICE,
    region,
    usageType: `${usagePrefix(region)}InstanceUsage:${instanceClass}`,
    instanceType: instanceClass,
    tags,
    costUsd: h * hourlyPrice(instanceClass, region),
    usage: h,
    usageUnit: 'Hrs',
  };
}

function storageLine(region: string, tags: Tag[], h: number): CostLine {
  const gbMonths = (CLUSTER_VOLUME_GB * h) / HOURS_PER_MONTH;
  return {
    service: RDS_SERVICE,
    region,
    usageType: `${usagePrefix(region)}Aurora:StorageUsage`,
    tags,
    costUsd: gbMonths * SIM_PRICES.storageGbMonth * regionFactor(region),
    usage: gbMonths,
    usageUnit: 'GB-Mo',
  };
}

/** I/O requests on an Aurora Standard volume, at its mean rate per 5-minute interval. */
function ioLine(region: string, tags: Tag[], h: number, perInterval: number): CostLine {
  const requests = (perInterval * h * 3_600_000) / IO_INTERVAL_MS;
  return {
    service: RDS_SERVICE,
    region,
    usageType: `${usagePrefix(region)}Aurora:StorageIOUsage`,
    tags,
    costUsd: (requests / 1_000_000) * SIM_PRICES.ioPerMillion * regionFactor(region),
    usage: requests,
    usageUnit: 'IOs',
  };
}

const ioPerInterval = (state: SimState, cluster: DbCluster) => {
  const rate = meanIoPerInterval(state, cluster);
  return rate.reads + rate.writes;
};

/**
 * The bill's line items for [from, to): instance-hours, cluster storage and volume I/O of the current
 * fleet and of what was deleted or resized before (`retiredUsage`). As on AWS, a line carries the tags
 * of the resource that incurred it: instance-hours the instance's tags, storage and I/O the cluster's.
 * I/O is charged at the cluster's current rate over its whole life (the simulator keeps no history). Tags are
 * read as they are now (AWS applies a tag from when it was added; the simulator keeps no history).
 */
export function costLines(state: SimState, from: number, to: number, now: number): CostLine[] {
  const lines: CostLine[] = [];
  const hours = (since: number, until = now) => Math.max(0, Math.min(to, now, until) - Math.max(from, since)) / 3_600_000;
  for (const instance of state.instances) {
    const h = hours(instance.billedSince ?? instance.createdAt);
    if (h > 0) lines.push(instanceLine(instance.region, instance.instanceClass, instance.tags, h));
  }
  for (const cluster of state.clusters) {
    const h = hours(cluster.createdAt);
    if (h <= 0) continue;
    lines.push(storageLine(cluster.region, cluster.tags, h));
    const io = ioPerInterval(state, cluster);
    if (io > 0) lines.push(ioLine(cluster.region, cluster.tags, h, io));
  }
  for (const usage of state.retiredUsage ?? []) {
    const h = hours(usage.from, usage.to);
    if (h <= 0) continue;
    if (usage.kind === 'instance') {
      lines.push(instanceLine(usage.region, usage.instanceClass ?? '', usage.tags, h));
      continue;
    }
    lines.push(storageLine(usage.region, usage.tags, h));
    if (usage.ioPerInterval) lines.push(ioLine(usage.region, usage.tags, h, usage.ioPerInterval));
  }
  return lines;
}

/** Keeps the billed usage of an instance (or of its class until now) once it is deleted or resized. */
export function retireInstanceUsage(state: SimState, instance: DbInstance, now: number): void {
  (state.retiredUsage ??= []).push({
    kind: 'instance',
    region: instance.region,
    id: instance.id,
    instanceClass: instance.instanceClass,
    from: instance.billedSince ?? instance.createdAt,
    to: now,
    tags: instance.tags.map((t) => ({ ...t })),
  });
}

/** Keeps the billed storage of a deleted cluster. */
export function retireClusterUsage(state: SimState, cluster: DbCluster, now: number): void {
  (state.retiredUsage ??= []).push({
    kind: 'cluster',
    region: cluster.region,
    id: cluster.id,
    from: cluster.createdAt,
    to: now,
    tags: cluster.tags.map((t) => ({ ...t })),
    ioPerInterval: ioPerInterval(state, cluster),
  });
}
