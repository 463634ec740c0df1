/**
 * Which choices a runbook form may offer — the one rule for the Backstage dialog and the VS Code
 * panel. Browser-safe (`@switchyard/core/model`).
 *
 * - A failover promotes a reader: the current writer is not a target (FailoverDBCluster,
 *   botocore rds: TargetDBInstanceIdentifier "the name of the DB instance to promote to the
 *   primary DB instance" — the writer already is).
 * - A Blue/Green green is a staging copy until the switchover; it is not a database to run
 *   cluster runbooks on (RDS User Guide, "Overview of Amazon RDS Blue/Green Deployments": "the
 *   green environment is a staging environment"). After the switchover it carries the production
 *   name and is offered as production.
 * - A param that only feeds blocks needing SQL connections is not asked for when those
 *   connections are not configured: its blocks would be skipped.
 */
import { lifecycleStageOf } from './blue-green-lifecycle';

/** The facts of a param the choices depend on (core runbook paramFacts, carried on the summaries). */
export interface ParamChoiceFacts {
  /** The instance a failover promotes. */
  promotes?: boolean;
  /** Connections every block using the param needs. */
  needsConnections?: string[];
}

/** Instances offered for an `rds-instance` param: all of the cluster's, but not its writer when the param names a failover target. */
export function offeredInstances<I extends { role: string }>(param: ParamChoiceFacts, instances: readonly I[]): I[] {
  return param.promotes ? instances.filter((i) => i.role !== 'writer') : [...instances];
}

/** The green (target) clusters of Blue/Green deployments not switched over yet, seen from a topology's pairs. */
export function greenClusterIds(
  pairs: ReadonlyArray<{ deployment: { status: string; targetClusterId?: string | null }; green?: { clusterId: string } | null }>,
): Set<string> {
  const out = new Set<string>();
  for (const p of pairs) {
    const stage = lifecycleStageOf(p.deployment.status);
    if (stage !== 'before' && stage !== 'switching') continue;
    const id = p.green?.clusterId ?? p.deployment.targetClusterId;
    if (id) out.add(id);
  }
  return out;
}

/** Whether a cluster may be offered for an `rds-cluster` param: not a green before its switchover (a fleet row has `greenOf` then). */
export function isOfferedCluster(cluster: { clusterId: string; greenOf?: string }, greens: ReadonlySet<string> = new Set()): boolean {
  return !cluster.greenOf && !greens.has(cluster.clusterId);
}

/** Why a param is not asked for with these connections configured, or undefined when it is. */
export function paramUnavailable(param: ParamChoiceFacts, configured: readonly string[]): string | undefined {
  const missing = (param.needsConnections ?? []).filter((c) => !configured.includes(c));
  if (missing.length === 0) return undefined;
  return `needs the ${missing.join(' and ')} connection${missing.length === 1 ? '' : 's'}, which ${missing.length === 1 ? 'is' : 'are'} not configured`;
}
