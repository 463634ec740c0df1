/**
 * Lint of a cluster's shape: what would hurt on the next failover or switchover. Pure: it reads
 * the cluster view and parameter comparisons fetched by topology.ts.
 */
import type { LintFinding } from './topology-model';
import { classSize, type ClusterView, type InstanceView } from './views';

/** The cluster's parameter group compared with a counterpart's (Global Database member or blue/green green). */
export interface ParameterComparison {
  relation: 'global-database' | 'blue-green';
  clusterId: string;
  region: string;
  parameterGroup: string;
  /** Parameter names whose user-set values differ (empty: no drift). */
  differing: string[];
}

export interface LintInput {
  cluster: ClusterView;
  /** Only present when the cluster has a Global Database or blue/green counterpart. */
  parameterComparisons?: ParameterComparison[];
}

/** Promotion tiers Aurora prefers on failover before anything else. */
const HIGH_TIERS = 1;

export function lintTopology(input: LintInput): LintFinding[] {
  const { cluster } = input;
  return [
    ...noFailoverTarget(cluster),
    ...tinyReaders(cluster),
    ...singleAzReaders(cluster),
    ...parameterDrift(cluster, input.parameterComparisons ?? []),
    ...deletionProtection(cluster),
  ];
}

function writerOf(cluster: ClusterView): InstanceView | undefined {
  return cluster.members.find((m) => m.isWriter);
}

function readersOf(cluster: ClusterView): InstanceView[] {
  return cluster.members.filter((m) => !m.isWriter);
}

function noFailoverTarget(cluster: ClusterView): LintFinding[] {
  const readers = readersOf(cluster);
  if (readers.some((r) => r.status === 'available')) return [];
  const why = readers.length
    ? `none of its readers (${readers.map((r) => `${r.id} ${r.status}`).join(', ')}) is available`
    : 'it has no readers';
  return [
    {
      code: 'no-failover-target',
      severity: 'error',
      message: `${cluster.id} has no failover target: ${why}, so losing the writer means downtime until a new instance is created; add a reader in another AZ (runbooks/rebuild-redundancy.md).`,
      resources: [cluster.id, ...readers.map((r) => r.id)],
    },
  ];
}

function tinyReaders(cluster: ClusterView): LintFinding[] {
  const writer = writerOf(cluster);
  if (!writer) return [];
  return readersOf(cluster)
    .filter((r) => r.tier <= HIGH_TIERS && classSize(r.class) < classSize(writer.class))
    .map((r) => ({
      code: 'tiny-reader-in-high-tier',
      severity: 'warning' as const,
      message: `${r.id} (${r.class}, tier ${r.tier}) is smaller than the writer ${writer.id} (${writer.class}) but would be promoted to writer on failover; resize it to ${writer.class} or set its promotion tier to 2–15.`,
      resources: [r.id, writer.id],
    }));
}

function singleAzReaders(cluster: ClusterView): LintFinding[] {
  const readers = readersOf(cluster);
  if (readers.length === 0) return [];
  const azs = [...new Set(readers.map((r) => r.az))];
  if (azs.length !== 1) return [];
  const [az] = azs;
  const writer = writerOf(cluster);
  const ids = readers.map((r) => r.id);
  if (writer && writer.az === az) {
    return [
      {
        code: 'single-az-readers',
        severity: 'warning',
        message: `Every reader of ${cluster.id} (${ids.join(', ')}) is in the writer's AZ ${az}: an outage of ${az} takes the writer and every failover target; add a reader in another AZ.`,
        resources: [cluster.id, writer.id, ...ids],
      },
    ];
  }
  // One reader in another AZ than the writer is already two-AZ coverage.
  if (readers.length < 2) return [];
  return [
    {
      code: 'single-az-readers',
      severity: 'warning',
      message: `All readers of ${cluster.id} (${ids.join(', ')}) are in ${az}: an outage of ${az} leaves no failover target; move or add a reader in another AZ.`,
      resources: [cluster.id, ...ids],
    },
  ];
}

function parameterDrift(cluster: ClusterView, comparisons: ParameterComparison[]): LintFinding[] {
  return comparisons
    .filter((c) => c.differing.length > 0)
    .map((c) => {
      const what = c.relation === 'blue-green' ? 'its blue/green green cluster' : 'its Global Database member';
      return {
        code: 'parameter-group-drift',
        severity: 'warning' as const,
        message: `${cluster.id}'s parameter group ${cluster.parameterGroup} differs from ${c.parameterGroup} of ${what} ${c.clusterId} (${c.region}) in ${c.differing.join(', ')}; align the groups before a switchover so the new writer behaves the same.`,
        resources: [cluster.id, c.clusterId],
      };
    });
}

function deletionProtection(cluster: ClusterView): LintFinding[] {
  if (cluster.deletionProtection) return [];
  return [
    {
      code: 'deletion-protection-off',
      severity: 'warning',
      message: `${cluster.id} has deletion protection off, so one DeleteDBCluster call removes it; turn it on: aws rds modify-db-cluster --db-cluster-identifier ${cluster.id} --deletion-protection --apply-immediately`,
      resources: [cluster.id],
    },
  ];
}
