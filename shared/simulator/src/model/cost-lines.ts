import type { SimState, Tag } from './types';

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

/** The bill's line items for [from, to): instance-hours and cluster storage of the current fleet. */
export function costLines(state: SimState, from: number, to: number, now: number): CostLine[] {
  const lines: CostLine[] = [];
  const hours = (since: number) => Math.max(0, Math.min(to, now) - Math.max(from, since)) / 3_600_000;
  for (const instance of state.instances) {
    const h = hours(instance.createdAt);
    if (h <= 0) continue;
    const cluster = state.clusters.find((c) => c.region === instance.region && c.id === instance.clusterId);
    lines.push({
      service: RDS_SERVICE,
      region: instance.region,
      usageType: `${usagePrefix(instance.region)}InstanceUsage:${instance.instanceClass}`,
      instanceType: instance.instanceClass,
      tags: cluster?.tags ?? instance.tags,
      costUsd: h * hourlyPrice(instance.instanceClass, instance.region),
      usage: h,
      usageUnit: 'Hrs',
    });
  }
  for (const cluster of state.clusters) {
    const h = hours(cluster.createdAt);
    if (h <= 0) continue;
    const gbMonths = (CLUSTER_STORAGE_GB * h) / HOURS_PER_MONTH;
    lines.push({
      service: RDS_SERVICE,
      region: cluster.region,
      usageType: `${usagePrefix(cluster.region)}Aurora:StorageUsage`,
      tags: cluster.tags,
      costUsd: gbMonths * STORAGE_GB_MONTH_USD,
      usage: gbMonths,
      usageUnit: 'GB-Mo',
    });
  }
  return lines;
}
