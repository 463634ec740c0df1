import { hashString } from './ids';
import { instancesOf } from './lookup';
import type { DbCluster, SimState } from './types';

/**
 * A cluster's Aurora volume as CloudWatch reports it and Cost Explorer bills it (Aurora Standard):
 * every cluster holds the same billed size, and does a steady number of I/O requests per 5-minute
 * interval — reads mostly from its clients, writes from its writer or, for a green or a global
 * secondary, from replication. The bill (cost-lines.ts) charges the mean rate; the metrics
 * (metric-series.ts) wobble around it, so an estimate from the metrics lands near the bill.
 */
export const CLUSTER_VOLUME_GB = 200;
export const GIB = 1024 ** 3;
/** CloudWatch publishes VolumeReadIOPs/VolumeWriteIOPs as the count in each 5-minute interval. */
export const IO_INTERVAL_MS = 300_000;

const READS_WITH_CLIENTS = 24_000;
const READS_IDLE = 600;
const WRITES = 6_000;

export interface VolumeIoRate {
  reads: number;
  writes: number;
}

/** Mean I/O requests per 5-minute interval of a cluster's volume, now. */
export function meanIoPerInterval(state: SimState, cluster: DbCluster): VolumeIoRate {
  if (instancesOf(state, cluster).length === 0) return { reads: 0, writes: 0 };
  const hasClients = state.clientNames.includes(`${cluster.region}:${cluster.id}`);
  return { reads: hasClients ? READS_WITH_CLIENTS : READS_IDLE, writes: WRITES };
}

/** Deterministic wobble in [0.8, 1.2) with mean 1 for one interval of one series. */
export function ioWobble(key: string, intervalStart: number): number {
  return 0.8 + (hashString(`${key}:${Math.floor(intervalStart / IO_INTERVAL_MS)}`) % 4000) / 10000;
}
