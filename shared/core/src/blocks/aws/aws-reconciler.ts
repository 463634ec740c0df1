/**
 * After a crash, a mutating call may have been sent without its answer being recorded. Resending
 * blindly could fail over twice; so each operation has a reconciler that reads AWS state and says
 * whether the call took effect. Operations without one are handed to the operator.
 */
import type { AwsReads } from '../../aws/gateway';
import { fetchBlueGreenView, fetchClusterView, fetchGlobalClusterView } from '../../live/fetch-views';
import { describeCluster, describeInstance, listEvents } from '../../live/rds-reads';
import { unlessNotFound } from '../../live/resource-not-found';
import { parseRdsArn } from '../../live/views';
import type { InFlightCall } from '../../model/run';
import type { Reconciliation } from '../common/block-reconciler';

type Reconciler = (aws: AwsReads, call: InFlightCall) => Promise<Reconciliation>;

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const idOf = (arnOrId: string): string => parseRdsArn(arnOrId)?.id ?? arnOrId;

/** The instance or cluster AWS reports under `id`, or undefined when AWS says there is none. */
const instanceOrNone = (aws: AwsReads, id: string, region?: string) => unlessNotFound(describeInstance(aws, id, region));
const clusterOrNone = (aws: AwsReads, id: string, region?: string) => unlessNotFound(describeCluster(aws, id, region));

async function idempotentTagging(): Promise<Reconciliation> {
  return { verdict: 'not-applied', evidence: 'tagging is idempotent; it is safe to send again' };
}

const RECONCILERS: Record<string, Reconciler> = {
  async FailoverDBCluster(aws, call) {
    const cluster = await fetchClusterView(aws, s(call.input.DBClusterIdentifier), call.region);
    const target = s(call.input.TargetDBInstanceIdentifier);
    if (cluster.status === 'failing-over') return { verdict: 'applied', evidence: `${cluster.id} is failing over` };
    if (target && cluster.writer === target) return { verdict: 'applied', evidence: `${target} already is the writer of ${cluster.id}` };
    if (!target) {
      const events = await listEvents(aws, call.region, {
        SourceIdentifier: cluster.id,
        SourceType: 'db-cluster',
        StartTime: new Date(Date.parse(call.sentAt) - 1000),
      });
      const failoverEvents = events.filter((e) => /failover/i.test(e.Message ?? ''));
      if (failoverEvents.length) return { verdict: 'applied', evidence: `a failover of ${cluster.id} started after the call was recorded` };
    }
    return { verdict: 'not-applied', evidence: `${cluster.id} is ${cluster.status} with writer ${cluster.writer}` };
  },
  async FailoverGlobalCluster(aws, call) {
    return reconcileGlobal(aws, call);
  },
  async SwitchoverGlobalCluster(aws, call) {
    return reconcileGlobal(aws, call);
  },
  async RemoveFromGlobalCluster(aws, call) {
    const g = await fetchGlobalClusterView(aws, s(call.input.GlobalClusterIdentifier));
    const id = idOf(s(call.input.DbClusterIdentifier));
    return g.members.some((m) => m.clusterId === id)
      ? { verdict: 'not-applied', evidence: `${id} is still a member of ${g.id}` }
      : { verdict: 'applied', evidence: `${id} is no longer a member of ${g.id}` };
  },
  async CreateDBInstance(aws, call) {
    const id = s(call.input.DBInstanceIdentifier);
    return (await instanceOrNone(aws, id, call.region))
      ? { verdict: 'applied', evidence: `instance ${id} exists` }
      : { verdict: 'not-applied', evidence: `instance ${id} does not exist` };
  },
  async DeleteDBInstance(aws, call) {
    const id = s(call.input.DBInstanceIdentifier);
    const instance = await instanceOrNone(aws, id, call.region);
    if (!instance) return { verdict: 'applied', evidence: `${id} is gone` };
    const status = instance.DBInstanceStatus;
    return status === 'deleting'
      ? { verdict: 'applied', evidence: `${id} is deleting` }
      : { verdict: 'not-applied', evidence: `${id} is ${status}` };
  },
  async ModifyDBInstance(aws, call) {
    const id = s(call.input.DBInstanceIdentifier);
    const newId = s(call.input.NewDBInstanceIdentifier);
    if (newId && (await instanceOrNone(aws, newId, call.region))) {
      return { verdict: 'applied', evidence: `instance ${newId} exists` };
    }
    const i = await instanceOrNone(aws, id, call.region);
    if (!i) return { verdict: 'unknown', evidence: `instance ${id} does not exist` };
    const wanted: Array<[string, unknown, unknown]> = [];
    if (call.input.PromotionTier !== undefined) wanted.push(['PromotionTier', call.input.PromotionTier, i.PromotionTier]);
    if (call.input.DBInstanceClass !== undefined) {
      wanted.push(['DBInstanceClass', call.input.DBInstanceClass, i.PendingModifiedValues?.DBInstanceClass ?? i.DBInstanceClass]);
    }
    if (!wanted.length) return { verdict: 'unknown', evidence: 'nothing comparable was requested' };
    const matches = wanted.every(([, want, have]) => want === have) || i.DBInstanceStatus === 'modifying';
    return matches
      ? { verdict: 'applied', evidence: `${id} already has ${wanted.map(([k, v]) => `${k}=${String(v)}`).join(', ')}` }
      : { verdict: 'not-applied', evidence: `${id} has ${wanted.map(([k, , h]) => `${k}=${String(h)}`).join(', ')}` };
  },
  async CreateBlueGreenDeployment(aws, call) {
    const name = s(call.input.BlueGreenDeploymentName);
    // Any failure other than "no deployment has that name" means "cannot tell".
    return (await unlessNotFound(fetchBlueGreenView(aws, name, call.region)))
      ? { verdict: 'applied', evidence: `deployment ${name} exists` }
      : { verdict: 'not-applied', evidence: `no deployment named ${name}` };
  },
  async SwitchoverBlueGreenDeployment(aws, call) {
    const d = await fetchBlueGreenView(aws, s(call.input.BlueGreenDeploymentIdentifier), call.region);
    return ['SWITCHOVER_IN_PROGRESS', 'SWITCHOVER_COMPLETED', 'SWITCHOVER_FAILED'].includes(d.status)
      ? { verdict: 'applied', evidence: `deployment ${d.id} is ${d.status}` }
      : { verdict: 'not-applied', evidence: `deployment ${d.id} is ${d.status}` };
  },
  async DeleteBlueGreenDeployment(aws, call) {
    const id = s(call.input.BlueGreenDeploymentIdentifier);
    const d = await unlessNotFound(fetchBlueGreenView(aws, id, call.region));
    if (!d) return { verdict: 'applied', evidence: `${id} no longer exists` };
    return d.status === 'DELETING'
      ? { verdict: 'applied', evidence: `${id} is deleting` }
      : { verdict: 'not-applied', evidence: `${id} is ${d.status}` };
  },
  async ModifyDBCluster(aws, call) {
    const id = s(call.input.DBClusterIdentifier);
    const newId = s(call.input.NewDBClusterIdentifier);
    if (!newId) return { verdict: 'unknown', evidence: 'only renames can be reconciled from state' };
    if (await clusterOrNone(aws, newId, call.region)) return { verdict: 'applied', evidence: `cluster ${newId} exists` };
    const cluster = await clusterOrNone(aws, id, call.region);
    if (cluster && (cluster.Status === 'renaming' || cluster.PendingModifiedValues?.DBClusterIdentifier === newId)) {
      return { verdict: 'applied', evidence: `${id} is being renamed to ${newId}` };
    }
    return cluster
      ? { verdict: 'not-applied', evidence: `${id} still has its name` }
      : { verdict: 'unknown', evidence: `neither ${id} nor ${newId} exists` };
  },
  async DeleteDBCluster(aws, call) {
    const id = s(call.input.DBClusterIdentifier);
    const cluster = await clusterOrNone(aws, id, call.region);
    if (!cluster) return { verdict: 'applied', evidence: `${id} is gone` };
    const status = cluster.Status;
    return status === 'deleting'
      ? { verdict: 'applied', evidence: `${id} is deleting` }
      : { verdict: 'not-applied', evidence: `${id} is ${status}` };
  },
  /** Tagging is idempotent (the same tags set or removed again change nothing): sending it again is harmless. */
  AddTagsToResource: idempotentTagging,
  RemoveTagsFromResource: idempotentTagging,
  TagResources: idempotentTagging,
  UntagResources: idempotentTagging,
  async RebootDBInstance(aws, call) {
    const id = s(call.input.DBInstanceIdentifier);
    const status = (await instanceOrNone(aws, id, call.region))?.DBInstanceStatus ?? 'not found';
    return status === 'rebooting'
      ? { verdict: 'applied', evidence: `${id} is rebooting` }
      : { verdict: 'unknown', evidence: `${id} is ${status}; a finished reboot leaves no trace in its status — check its events` };
  },
};

async function reconcileGlobal(aws: AwsReads, call: InFlightCall): Promise<Reconciliation> {
  const g = await fetchGlobalClusterView(aws, s(call.input.GlobalClusterIdentifier));
  const target = idOf(s(call.input.TargetDbClusterIdentifier));
  if (g.primaryClusterId === target) return { verdict: 'applied', evidence: `${target} already is the primary of ${g.id}` };
  if (g.failoverState) return { verdict: 'applied', evidence: `${g.id} is ${g.failoverState.status}` };
  if (g.status !== 'available') return { verdict: 'applied', evidence: `${g.id} is ${g.status}` };
  return { verdict: 'not-applied', evidence: `${g.id} is available with primary ${g.primaryClusterId}` };
}

export async function reconcile(aws: AwsReads, call: InFlightCall): Promise<Reconciliation> {
  const reconciler = RECONCILERS[call.operation];
  if (!reconciler) {
    return { verdict: 'unknown', evidence: `Switchyard cannot tell from AWS state whether ${call.operation} took effect` };
  }
  try {
    return await reconciler(aws, call);
  } catch (error) {
    return { verdict: 'unknown', evidence: `reading state failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
