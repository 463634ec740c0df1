import type { DbCluster, DbInstance, SimState, Tag } from './types';

/**
 * On-Demand hourly prices of Aurora PostgreSQL (Standard) in us-east-1 — a static snapshot, not
 * the live price list (AWS-FACTS §5). Other regions are approximated at +10 %.
 */
const HOURLY_USD: Record<string, number> = {
  'db.t4g.medium': 0.073,
  'db.r6g.large': 0.26,
  'db.r6g.xlarge': 0.519,
  'db.r6g.2xlarge': 1.038,
  'db.r7g.large': 0.276,
  'db.r7g.xlarge': 0.553,
  'db.r7g.2xlarge': 1.106,
};
const STORAGE_GB_MONTH_USD = 0.1;
const CLUSTER_STORAGE_GB = 200;
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
  usageUnit: 'Hrs' | 'GB-Mo';
}

export function hourlyPrice(instanceClass: string, region: string): number {
  const base = HOURLY_USD[instanceClass] ?? 0.5;
  return region === 'us-east-1' ? base : base * 1.1;
}

function usagePrefix(region: string): string {
  if (region === 'us-east-1') return '';
  if (region.startsWith('eu-west-1')) return 'EU-';
  return `${region.toUpperCase()}-`;
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
  const gbMonths = (CLUSTER_STORAGE_GB * h) / HOURS_PER_MONTH;
  return {
    service: RDS_SERVICE,
    region,
    usageType: `${usagePrefix(region)}Aurora:StorageUsage`,
    tags,
    costUsd: gbMonths * STORAGE_GB_MONTH_USD,
    usage: gbMonths,
    usageUnit: 'GB-Mo',
  };
}

/**
 * The bill's line items for [from, to): instance-hours and cluster storage of the current fleet and
 * of what was deleted or resized before (`retiredUsage`). Instances bill under their cluster's tags.
 */
export function costLines(state: SimState, from: number, to: number, now: number): CostLine[] {
  const lines: CostLine[] = [];
  const hours = (since: number, until = now) => Math.max(0, Math.min(to, now, until) - Math.max(from, since)) / 3_600_000;
  for (const instance of state.instances) {
    const h = hours(instance.billedSince ?? instance.createdAt);
    if (h <= 0) continue;
    const cluster = state.clusters.find((c) => c.region === instance.region && c.id === instance.clusterId);
    lines.push(instanceLine(instance.region, instance.instanceClass, cluster?.tags ?? instance.tags, h));
  }
  for (const cluster of state.clusters) {
    const h = hours(cluster.createdAt);
    if (h > 0) lines.push(storageLine(cluster.region, cluster.tags, h));
  }
  for (const usage of state.retiredUsage ?? []) {
    const h = hours(usage.from, usage.to);
    if (h <= 0) continue;
    lines.push(
      usage.kind === 'instance'
        ? instanceLine(usage.region, usage.instanceClass ?? '', usage.tags, h)
        : storageLine(usage.region, usage.tags, h),
    );
  }
  return lines;
}

/** Keeps the billed usage of an instance (or of its class until now) once it is deleted or resized. */
export function retireInstanceUsage(state: SimState, instance: DbInstance, now: number): void {
  const cluster = state.clusters.find((c) => c.region === instance.region && c.id === instance.clusterId);
  (state.retiredUsage ??= []).push({
    kind: 'instance',
    region: instance.region,
    id: instance.id,
    instanceClass: instance.instanceClass,
    from: instance.billedSince ?? instance.createdAt,
    to: now,
    tags: (cluster?.tags ?? instance.tags).map((t) => ({ ...t })),
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
  });
}
