import { automaticFailover, bestFailoverTarget, startFailover } from './cluster-failover';
import type { ModelContext } from './context';
import { retireInstanceUsage } from './cost-lines';
import { checkInstanceClass, findEngineVersion } from './engine-catalog';
import { rdsErrors } from './errors';
import { instanceEvent } from './events';
import { isAzDown } from './faults';
import { blueGreenOfResource, checkNewIdentifier, instanceNameTaken } from './identifiers';
import { newIds } from './ids';
import { cancelJobs, schedule } from './jobs';
import { findInstance, getCluster, globalClusterOf, instancesOf } from './lookup';
import { availabilityZones, healthyAvailabilityZones } from './regions';
import { renameInstance } from './rename';
import { commonErrors } from '../protocol/aws-error';
import type { DbCluster, DbInstance, Tag } from './types';

export interface NewInstance {
  region: string;
  id: string;
  clusterId?: string;
  instanceClass: string;
  engine: string;
  availabilityZone?: string;
  promotionTier?: number;
  engineVersion?: string;
  tags?: Tag[];
}

/** CreateDBInstance for an Aurora cluster: a new reader (or the writer of an empty cluster), `creating` for ~8 min. */
export function createInstance(ctx: ModelContext, request: NewInstance): DbInstance {
  const id = request.id.toLowerCase();
  if (findInstance(ctx.state, request.region, id)) throw rdsErrors.instanceAlreadyExists(id);
  if (!request.clusterId) return createStandaloneInstance(ctx, { ...request, id });
  const cluster = getCluster(ctx.state, request.region, request.clusterId);
  if (request.engine !== cluster.engine) {
    throw commonErrors.invalidParameterCombination(
      `The engine name requested for your DB instance (${request.engine}) doesn't match the engine name of your DB cluster (${cluster.engine}).`,
    );
  }
  if (!['available', 'modifying'].includes(cluster.status)) {
    throw rdsErrors.invalidClusterState(`DB cluster ${cluster.id} is not in the available state (it is ${cluster.status}).`);
  }
  const tier = request.promotionTier ?? 1;
  if (!Number.isInteger(tier) || tier < 0 || tier > 15) {
    throw commonErrors.invalidParameterValue(`Invalid value ${tier} for PromotionTier. Must be between 0 and 15.`);
  }
  checkInstanceClass(cluster.engine, cluster.engineVersion, request.instanceClass);
  const zones = availabilityZones(request.region);
  const az = request.availabilityZone ?? leastUsedZone(ctx, cluster, zones);
  if (!zones.includes(az)) throw commonErrors.invalidParameterValue(`Invalid Availability Zone: ${az}`);
  if (isAzDown(ctx.state.faults, request.region, az)) {
    throw rdsErrors.insufficientCapacity(`Cannot create a DB instance in ${az}: insufficient capacity in the Availability Zone.`);
  }
  const instance: DbInstance = {
    region: request.region,
    id,
    clusterId: cluster.id,
    instanceClass: request.instanceClass,
    availabilityZone: az,
    promotionTier: tier,
    status: 'creating',
    resourceId: newIds.instanceResourceId(ctx.state),
    engine: cluster.engine,
    engineVersion: cluster.engineVersion,
    createdAt: ctx.now,
    tags: request.tags ?? [],
  };
  ctx.state.instances.push(instance);
  const isSecondary = globalClusterOf(ctx.state, cluster)?.members.some(
    (m) => m.region === cluster.region && m.clusterId === cluster.id && !m.isWriter,
  );
  if (!cluster.writerId && !isSecondary) cluster.writerId = instance.id;
  schedule(
    ctx,
    { kind: 'instance-available', region: instance.region, instanceId: instance.id, event: 'created' },
    ctx.state.timings.createInstance,
  );
  return instance;
}

/** A non-Aurora instance (RDS for MySQL/PostgreSQL…): stored and described, outside every cluster transition. */
function createStandaloneInstance(ctx: ModelContext, request: NewInstance): DbInstance {
  if (request.engine.toLowerCase().startsWith('aurora')) {
    throw commonErrors.invalidParameterCombination(
      `DBClusterIdentifier is required when creating an instance of engine ${request.engine}.`,
    );
  }
  const engine = request.engine.toLowerCase();
  const engineVersion = request.engineVersion ?? '8.0.39';
  if (!findEngineVersion(engine, engineVersion)) {
    throw commonErrors.invalidParameterCombination(`Cannot find version ${engineVersion} for ${engine}`);
  }
  checkInstanceClass(engine, engineVersion, request.instanceClass);
  const zones = availabilityZones(request.region);
  const az = request.availabilityZone ?? zones[0];
  if (!zones.includes(az)) throw commonErrors.invalidParameterValue(`Invalid Availability Zone: ${az}`);
  const instance: DbInstance = {
    region: request.region,
    id: request.id,
    instanceClass: request.instanceClass,
    availabilityZone: az,
    promotionTier: request.promotionTier ?? 1,
    status: 'creating',
    resourceId: newIds.instanceResourceId(ctx.state),
    engine,
    engineVersion,
    createdAt: ctx.now,
    tags: request.tags ?? [],
  };
  ctx.state.instances.push(instance);
  schedule(
    ctx,
    { kind: 'instance-available', region: instance.region, instanceId: instance.id, event: 'created' },
    ctx.state.timings.createInstance,
  );
  return instance;
}

function leastUsedZone(ctx: ModelContext, cluster: DbCluster, zones: string[]): string {
  const used = instancesOf(ctx.state, cluster).map((i) => i.availabilityZone);
  const healthy = zones.filter((z) => !isAzDown(ctx.state.faults, cluster.region, z));
  return [...healthy].sort((a, b) => used.filter((u) => u === a).length - used.filter((u) => u === b).length)[0] ?? zones[0];
}

export interface InstanceModification {
  promotionTier?: number;
  instanceClass?: string;
  newId?: string;
  applyImmediately?: boolean;
}

/**
 * ModifyDBInstance: tiers change at once (never a failover); a class change applies now
 * (`modifying`) or waits; a rename (NewDBInstanceIdentifier) waits for the maintenance window, or
 * with ApplyImmediately reboots the instance under its new name (`renaming`, then `available`).
 */
export function modifyInstance(ctx: ModelContext, instance: DbInstance, change: InstanceModification): void {
  if (instance.status !== 'available') {
    throw rdsErrors.invalidInstanceState(`DB instance ${instance.id} is not in the available state (it is ${instance.status}).`);
  }
  const newId = change.newId !== undefined ? checkNewIdentifier('NewDBInstanceIdentifier', change.newId) : undefined;
  if (newId !== undefined && newId !== instance.id) {
    const deployment = blueGreenOfResource(ctx.state, instance.region, 'instance', instance.id);
    if (deployment) {
      throw rdsErrors.invalidInstanceState(
        `DB instance ${instance.id} belongs to blue/green deployment ${deployment.id}, which manages its name. Delete the deployment first.`,
      );
    }
    if (instanceNameTaken(ctx.state, instance.region, newId)) throw rdsErrors.instanceAlreadyExists(newId);
  }
  if (change.promotionTier !== undefined) {
    if (!Number.isInteger(change.promotionTier) || change.promotionTier < 0 || change.promotionTier > 15) {
      throw commonErrors.invalidParameterValue(`Invalid value ${change.promotionTier} for PromotionTier. Must be between 0 and 15.`);
    }
    instance.promotionTier = change.promotionTier;
  }
  if (change.instanceClass && change.instanceClass !== instance.instanceClass) {
    checkInstanceClass(instance.engine, instance.engineVersion, change.instanceClass);
    if (change.applyImmediately) {
      instance.pendingInstanceClass = change.instanceClass;
      instance.status = 'modifying';
      instanceEvent(ctx, instance.region, instance.id, 'Applying modification to database instance class', ['configuration change']);
      schedule(
        ctx,
        { kind: 'instance-available', region: instance.region, instanceId: instance.id, event: 'modified' },
        ctx.state.timings.modifyInstance,
      );
    } else {
      instance.pendingInstanceClass = change.instanceClass;
    }
  }
  if (newId !== undefined && newId !== instance.id) instance.pendingId = newId;
  if (change.applyImmediately && instance.pendingId) {
    const target = instance.pendingId;
    instance.pendingId = undefined;
    instance.status = 'renaming';
    schedule(
      ctx,
      { kind: 'instance-renamed', region: instance.region, instanceId: instance.id, newId: target },
      ctx.state.timings.renameInstance,
    );
  }
}

/** The rename took effect (after a reboot): the cluster's writer slot and endpoints follow the new name. */
export function finishInstanceRename(ctx: ModelContext, instance: DbInstance, newId: string): void {
  const oldId = instance.id;
  renameInstance(ctx, instance.region, oldId, newId);
  if (instance.status === 'renaming') instance.status = 'available';
  instanceEvent(ctx, instance.region, newId, `Renamed DB instance from ${oldId} to ${newId}`, ['configuration change']);
}

/** RebootDBInstance: `rebooting` for ~20 s. ForceFailover needs Multi-AZ, which Aurora instances are not. */
export function rebootInstance(ctx: ModelContext, instance: DbInstance, forceFailover: boolean): void {
  if (forceFailover) {
    throw commonErrors.invalidParameterCombination(
      `Cannot do a forced failover on DB instance ${instance.id}: it is not Multi-AZ. For Aurora, use FailoverDBCluster.`,
    );
  }
  if (instance.status !== 'available') {
    throw rdsErrors.invalidInstanceState(`DB instance ${instance.id} is not in the available state (it is ${instance.status}).`);
  }
  instance.status = 'rebooting';
  instance.parameterApplyStatus = undefined;
  instanceEvent(ctx, instance.region, instance.id, 'DB instance shutdown', ['availability']);
  schedule(
    ctx,
    { kind: 'instance-available', region: instance.region, instanceId: instance.id, event: 'rebooted' },
    ctx.state.timings.reboot,
  );
}

/** DeleteDBInstance: `deleting`, gone after a few minutes; deleting the writer fails over to a reader first. */
export function deleteInstance(ctx: ModelContext, instance: DbInstance): void {
  if (instance.status === 'deleting') {
    throw rdsErrors.invalidInstanceState(`DB instance ${instance.id} is already being deleted.`);
  }
  // After a switchover the old blue stays read-only and owned by its deployment until the deployment
  // is deleted (Aurora User Guide, blue-green-deployments-switching / -deleting). Before it, a deleted
  // blue member is allowed and shows as MISSING_SOURCE (SwitchoverDetails status, botocore model).
  const deployment = blueGreenOfResource(ctx.state, instance.region, 'instance', instance.id);
  if (deployment?.status === 'SWITCHOVER_COMPLETED' && deployment.members.some((m) => m.kind === 'instance' && m.source === instance.id)) {
    throw rdsErrors.invalidInstanceState(
      `DB instance ${instance.id} is part of the old blue environment of blue/green deployment ${deployment.id} and can't be deleted until the deployment is deleted. Delete the blue/green deployment first (aws rds delete-blue-green-deployment --blue-green-deployment-identifier ${deployment.id}).`,
    );
  }
  const cluster = instance.clusterId ? getCluster(ctx.state, instance.region, instance.clusterId) : undefined;
  if (cluster?.writerId === instance.id && cluster.status === 'failing-over') {
    throw rdsErrors.invalidClusterState(`DB cluster ${cluster.id} is failing over.`);
  }
  cancelJobs(ctx, (j) => j.kind === 'instance-available' && j.region === instance.region && j.instanceId === instance.id);
  instance.status = 'deleting';
  if (cluster && cluster.writerId === instance.id) {
    const target = bestFailoverTarget(ctx, cluster);
    if (target) startFailover(ctx, cluster, target);
  }
  schedule(ctx, { kind: 'instance-deleted', region: instance.region, instanceId: instance.id }, ctx.state.timings.deleteInstance);
}

/** Removes a deleted instance from the state (and from its cluster's writer slot). */
export function removeInstance(ctx: ModelContext, instance: DbInstance): void {
  retireInstanceUsage(ctx.state, instance, ctx.now);
  ctx.state.instances = ctx.state.instances.filter((i) => i !== instance);
  const cluster = ctx.state.clusters.find((c) => c.region === instance.region && c.id === instance.clusterId);
  if (cluster?.writerId === instance.id) cluster.writerId = undefined;
  instanceEvent(ctx, instance.region, instance.id, 'DB instance deleted', ['deletion']);
}

/** Fault: the instance dies. A dead writer triggers automatic failover; it recovers as a reader later unless `permanent`. */
export function crashInstance(ctx: ModelContext, instance: DbInstance, permanent: boolean): void {
  cancelJobs(ctx, (j) => j.kind === 'instance-available' && j.region === instance.region && j.instanceId === instance.id);
  instance.status = 'failed';
  instanceEvent(ctx, instance.region, instance.id, 'DB instance shutdown', ['availability']);
  const cluster = instance.clusterId ? getCluster(ctx.state, instance.region, instance.clusterId) : undefined;
  if (cluster && cluster.writerId === instance.id) automaticFailover(ctx, cluster);
  if (!permanent) {
    instanceEvent(
      ctx,
      instance.region,
      instance.id,
      'Recovery of the DB instance has started. Recovery time will vary with the amount of data to be recovered.',
      ['recovery'],
    );
    schedule(
      ctx,
      { kind: 'instance-available', region: instance.region, instanceId: instance.id, event: 'recovered' },
      ctx.state.timings.instanceRecovery,
    );
  }
}

/** Finishes creating / rebooting / modifying / recovering an instance. */
export function instanceBecameAvailable(
  ctx: ModelContext,
  instance: DbInstance,
  event: 'created' | 'rebooted' | 'modified' | 'recovered',
): void {
  if (isAzDown(ctx.state.faults, instance.region, instance.availabilityZone)) {
    instance.status = 'failed';
    return;
  }
  instance.status = 'available';
  if (event === 'modified' && instance.pendingInstanceClass) {
    // A class change starts a new billed segment; the old class keeps what it cost.
    retireInstanceUsage(ctx.state, instance, ctx.now);
    instance.billedSince = ctx.now;
    instance.instanceClass = instance.pendingInstanceClass;
    instance.pendingInstanceClass = undefined;
  }
  const message = {
    created: 'DB instance created',
    rebooted: 'DB instance restarted',
    modified: 'Finished applying modification to DB instance class',
    recovered: 'Recovery of the DB instance is complete.',
  }[event];
  const category = { created: 'creation', rebooted: 'availability', modified: 'configuration change', recovered: 'recovery' }[event];
  instanceEvent(ctx, instance.region, instance.id, message, [category]);
}

/** The writer could not be replaced by a reader: Aurora recreates it, in a healthy AZ if its own is down. */
export function writerRecreated(ctx: ModelContext, cluster: DbCluster, instance: DbInstance): void {
  const healthy = healthyAvailabilityZones(ctx.state.faults, instance.region);
  if (isAzDown(ctx.state.faults, instance.region, instance.availabilityZone) && healthy.length > 0) {
    instance.availabilityZone = healthy[0];
  }
  instance.status = 'available';
  cluster.status = 'available';
  cluster.writerId = instance.id;
  instanceEvent(ctx, instance.region, instance.id, 'Recovery of the DB instance is complete.', ['recovery']);
}
