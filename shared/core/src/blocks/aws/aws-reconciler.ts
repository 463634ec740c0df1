/**
 * After a crash, a mutating call may have been sent without its answer being recorded. Resending
 * blindly could fail over twice; so each operation has a reconciler that reads AWS state and says
 * whether the call took effect. Operations without one are handed to the operator.
 */
import { AwsCallError, type AwsGateway } from '../../aws/gateway';
import { fetchBlueGreenView, fetchClusterView, fetchGlobalClusterView } from '../../live/fetch-views';
import { parseRdsArn } from '../../live/views';
import type { InFlightCall } from '../../model/run';
import type { Reconciliation } from '../common/block-reconciler';

type Reconciler = (aws: AwsGateway, call: InFlightCall) => Promise<Reconciliation>;

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const idOf = (arnOrId: string): string => parseRdsArn(arnOrId)?.id ?? arnOrId;

type Row = Record<string, unknown>;

/** The one DB instance or cluster AWS reports under `id`, or undefined when AWS says it does not exist. */
async function describeOne(aws: AwsGateway, kind: 'instance' | 'cluster', id: string, region?: string): Promise<Row | undefined> {
  const [operation, idKey, listKey, notFound] =
    kind === 'instance'
      ? ['DescribeDBInstances', 'DBInstanceIdentifier', 'DBInstances', 'DBInstanceNotFound']
      : ['DescribeDBClusters', 'DBClusterIdentifier', 'DBClusters', 'DBClusterNotFound'];
  try {
    const out = await aws.call('rds', operation, { [idKey]: id }, { region });
    return (out[listKey] as Row[] | undefined)?.[0];
  } catch (error) {
    if (error instanceof AwsCallError && error.code.startsWith(notFound)) return undefined;
    throw error;
  }
}

const RECONCILERS: Record<string, Reconciler> = {
  async FailoverDBCluster(aws, call) {
    const cluster = await fetchClusterView(aws, s(call.input.DBClusterIdentifier), call.region);
    const target = s(call.input.TargetDBInstanceIdentifier);
    if (cluster.status === 'failing-over') return { verdict: 'applied', evidence: `${cluster.id} is failing over` };
    if (target && cluster.writer === target) return { verdict: 'applied', evidence: `${target} already is the writer of ${cluster.id}` };
    if (!target) {
      const events = await aws.call(
        'rds',
        'DescribeEvents',
        {
          SourceIdentifier: cluster.id,
          SourceType: 'db-cluster',
          StartTime: new Date(Date.parse(call.sentAt) - 1000),
        },
        { region: call.region },
      );
      const failoverEvents = (Array.isArray(events.Events) ? events.Events : []).filter((e) =>
        /failover/i.test(s((e as Record<string, unknown>).Message)),
      );
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
    return (await describeOne(aws, 'instance', id, call.region))
      ? { verdict: 'applied', evidence: `instance ${id} exists` }
      : { verdict: 'not-applied', evidence: `instance ${id} does not exist` };
  },
  async DeleteDBInstance(aws, call) {
    const id = s(call.input.DBInstanceIdentifier);
    const instance = await describeOne(aws, 'instance', id, call.region);
    if (!instance) return { verdict: 'applied', evidence: `${id} is gone` };
    const status = s(instance.DBInstanceStatus);
    return status === 'deleting'
      ? { verdict: 'applied', evidence: `${id} is deleting` }
      : { verdict: 'not-applied', evidence: `${id} is ${status}` };
  },
  async ModifyDBInstance(aws, call) {
    const id = s(call.input.DBInstanceIdentifier);
    const newId = s(call.input.NewDBInstanceIdentifier);
    if (newId && (await describeOne(aws, 'instance', newId, call.region))) {
      return { verdict: 'applied', evidence: `instance ${newId} exists` };
    }
    const i = await describeOne(aws, 'instance', id, call.region);
    if (!i) return { verdict: 'unknown', evidence: `instance ${id} does not exist` };
    const pending = (i.PendingModifiedValues ?? {}) as Record<string, unknown>;
    const wanted: Array<[string, unknown, unknown]> = [];
    if (call.input.PromotionTier !== undefined) wanted.push(['PromotionTier', call.input.PromotionTier, i.PromotionTier]);
    if (call.input.DBInstanceClass !== undefined) {
      wanted.push(['DBInstanceClass', call.input.DBInstanceClass, pending.DBInstanceClass ?? i.DBInstanceClass]);
    }
    if (!wanted.length) return { verdict: 'unknown', evidence: 'nothing comparable was requested' };
    const matches = wanted.every(([, want, have]) => want === have) || i.DBInstanceStatus === 'modifying';
    return matches
      ? { verdict: 'applied', evidence: `${id} already has ${wanted.map(([k, v]) => `${k}=${String(v)}`).join(', ')}` }
      : { verdict: 'not-applied', evidence: `${id} has ${wanted.map(([k, , h]) => `${k}=${String(h)}`).join(', ')}` };
  },
  async CreateBlueGreenDeployment(aws, call) {
    const name = s(call.input.BlueGreenDeploymentName);
    // fetchBlueGreenView throws a plain Error when no deployment has the name; AWS errors mean "cannot tell".
    const found = await fetchBlueGreenView(aws, name).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AwsCallError) throw error;
        return false;
      },
    );
    return found
      ? { verdict: 'applied', evidence: `deployment ${name} exists` }
      : { verdict: 'not-applied', evidence: `no deployment named ${name}` };
  },
  async SwitchoverBlueGreenDeployment(aws, call) {
    const d = await fetchBlueGreenView(aws, s(call.input.BlueGreenDeploymentIdentifier));
    return ['SWITCHOVER_IN_PROGRESS', 'SWITCHOVER_COMPLETED', 'SWITCHOVER_FAILED'].includes(d.status)
      ? { verdict: 'applied', evidence: `deployment ${d.id} is ${d.status}` }
      : { verdict: 'not-applied', evidence: `deployment ${d.id} is ${d.status}` };
  },
  async DeleteBlueGreenDeployment(aws, call) {
    const id = s(call.input.BlueGreenDeploymentIdentifier);
    try {
      const d = await fetchBlueGreenView(aws, id);
      return d.status === 'DELETING'
        ? { verdict: 'applied', evidence: `${id} is deleting` }
        : { verdict: 'not-applied', evidence: `${id} is ${d.status}` };
    } catch {
      return { verdict: 'applied', evidence: `${id} no longer exists` };
    }
  },
  async ModifyDBCluster(aws, call) {
    const id = s(call.input.DBClusterIdentifier);
    const newId = s(call.input.NewDBClusterIdentifier);
    if (!newId) return { verdict: 'unknown', evidence: 'only renames can be reconciled from state' };
    if (await describeOne(aws, 'cluster', newId, call.region)) return { verdict: 'applied', evidence: `cluster ${newId} exists` };
    const cluster = await describeOne(aws, 'cluster', id, call.region);
    const pending = (cluster?.PendingModifiedValues ?? {}) as Record<string, unknown>;
    if (cluster && (cluster.Status === 'renaming' || pending.DBClusterIdentifier === newId)) {
      return { verdict: 'applied', evidence: `${id} is being renamed to ${newId}` };
    }
    return cluster
      ? { verdict: 'not-applied', evidence: `${id} still has its name` }
      : { verdict: 'unknown', evidence: `neither ${id} nor ${newId} exists` };
  },
  async DeleteDBCluster(aws, call) {
    const id = s(call.input.DBClusterIdentifier);
    const cluster = await describeOne(aws, 'cluster', id, call.region);
    if (!cluster) return { verdict: 'applied', evidence: `${id} is gone` };
    const status = s(cluster.Status);
    return status === 'deleting'
      ? { verdict: 'applied', evidence: `${id} is deleting` }
      : { verdict: 'not-applied', evidence: `${id} is ${status}` };
  },
  /** Tagging is idempotent: sending it again is harmless. */
  async AddTagsToResource() {
    return { verdict: 'not-applied', evidence: 'tagging is idempotent; it is safe to send again' };
  },
  async RebootDBInstance(aws, call) {
    const id = s(call.input.DBInstanceIdentifier);
    const status = s((await describeOne(aws, 'instance', id, call.region))?.DBInstanceStatus);
    return status === 'rebooting'
      ? { verdict: 'applied', evidence: `${id} is rebooting` }
      : { verdict: 'unknown', evidence: `${id} is ${status}; a finished reboot leaves no trace in its status — check its events` };
  },
};

async function reconcileGlobal(aws: AwsGateway, call: InFlightCall): Promise<Reconciliation> {
  const g = await fetchGlobalClusterView(aws, s(call.input.GlobalClusterIdentifier));
  const target = idOf(s(call.input.TargetDbClusterIdentifier));
  if (g.primaryClusterId === target) return { verdict: 'applied', evidence: `${target} already is the primary of ${g.id}` };
  if (g.failoverState) return { verdict: 'applied', evidence: `${g.id} is ${g.failoverState.status}` };
  if (g.status !== 'available') return { verdict: 'applied', evidence: `${g.id} is ${g.status}` };
  return { verdict: 'not-applied', evidence: `${g.id} is available with primary ${g.primaryClusterId}` };
}

export async function reconcile(aws: AwsGateway, call: InFlightCall): Promise<Reconciliation> {
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
