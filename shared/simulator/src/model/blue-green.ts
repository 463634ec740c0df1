import { commonErrors } from '../protocol/aws-error';
import { parseRdsArn } from './arn';
import type { ModelContext } from './context';
import { retireClusterUsage, retireInstanceUsage } from './cost-lines';
import { checkParameterGroupFamily, checkUpgradeTarget, parameterGroupFamily } from './engine-catalog';
import { rdsErrors } from './errors';
import { recordEvent, clusterEvent, instanceEvent } from './events';
import { takeFault } from './faults';
import { newIds } from './ids';
import { schedule } from './jobs';
import { injectedLagMs } from './lag';
import { findCluster, findClusterParameterGroup, globalClusterOf, instancesOf } from './lookup';
import { defaultClusterParameterGroup } from './parameter-groups';
import { renameCluster, renameGlobalCluster, renameInstance } from './rename';
import type { BlueGreenDeployment, DbCluster, GlobalCluster, Tag } from './types';

export interface NewBlueGreen {
  region: string;
  name: string;
  sourceArn: string;
  targetEngineVersion?: string;
  targetClusterParameterGroup?: string;
  tags?: Tag[];
}

const bgEvent = (ctx: ModelContext, deployment: BlueGreenDeployment, message: string, categories: string[], at?: number) =>
  recordEvent(ctx, { region: deployment.region, sourceType: 'blue-green-deployment', sourceId: deployment.id, message, categories }, at);

/** CreateBlueGreenDeployment for an Aurora cluster: a green copy (`<name>-green-xxxxxx`) provisions for ~25 min. */
export function createBlueGreen(ctx: ModelContext, request: NewBlueGreen): BlueGreenDeployment {
  const arn = parseRdsArn(request.sourceArn);
  if (!arn || arn.kind !== 'cluster') {
    throw commonErrors.invalidParameterValue(`The source ${request.sourceArn} must be the ARN of an Aurora DB cluster.`);
  }
  if (arn.region !== request.region) throw rdsErrors.sourceNotFound(request.sourceArn);
  const blue = findCluster(ctx.state, request.region, arn.id);
  if (!blue) throw rdsErrors.sourceNotFound(request.sourceArn);
  if (ctx.state.blueGreenDeployments.some((d) => d.region === request.region && d.name === request.name)) {
    throw rdsErrors.blueGreenAlreadyExists(request.name);
  }
  if (
    ctx.state.blueGreenDeployments.some((d) => d.region === blue.region && (d.sourceClusterId === blue.id || d.targetClusterId === blue.id))
  ) {
    throw rdsErrors.invalidClusterState(`DB cluster ${blue.id} is already part of a blue/green deployment.`);
  }
  if (blue.status !== 'available') throw rdsErrors.invalidDBClusterStateForTarget(blue.id, blue.status);
  const targetVersion = request.targetEngineVersion ?? blue.engineVersion;
  checkUpgradeTarget(blue.engine, blue.engineVersion, targetVersion);
  let targetGroup = request.targetClusterParameterGroup?.toLowerCase();
  if (targetGroup) {
    const group = findClusterParameterGroup(ctx.state, blue.region, targetGroup);
    if (!group) throw rdsErrors.clusterParameterGroupNotFound(targetGroup);
    checkParameterGroupFamily(group, blue.engine, targetVersion, 'cluster');
  } else if (parameterGroupFamily(blue.engine, targetVersion) !== parameterGroupFamily(blue.engine, blue.engineVersion)) {
    // A major upgrade without a target group: green gets the new family's default group.
    targetGroup = defaultClusterParameterGroup(ctx, blue.region, parameterGroupFamily(blue.engine, targetVersion));
  }
  const global = globalClusterOf(ctx.state, blue);
  if (global) checkGlobalSource(ctx, global, blue);
  // Every refusal before anything is created: the secondaries' groups are settled first.
  const secondaries = (global?.members ?? [])
    .filter((m) => !m.isWriter)
    .map((m) => findCluster(ctx.state, m.region, m.clusterId))
    .filter((c): c is DbCluster => c !== undefined)
    .map((secondary) => ({ secondary, group: secondaryGreenGroup(ctx, secondary, targetGroup, targetVersion) }));
  const suffix = newIds.greenSuffix(ctx.state);
  const members: BlueGreenDeployment['members'] = [];
  const green = copyEnvironment(ctx, blue, suffix, targetVersion, targetGroup ?? blue.parameterGroup, members);
  let globalPair: BlueGreenDeployment['global'];
  if (global) {
    // "Using Blue/Green Deployments for Amazon Aurora Global Database" (Aurora User Guide): green
    // mirrors the whole global database, the primary and every secondary region.
    const greenGlobal: GlobalCluster = {
      ...global,
      id: `${global.id}-green-${suffix}`,
      resourceId: newIds.clusterResourceId(ctx.state),
      engineVersion: targetVersion,
      members: [{ region: blue.region, clusterId: green.id, isWriter: true, synchronizationStatus: 'connected' }],
      failoverState: undefined,
      createdAt: ctx.now,
      tags: global.tags.map((t) => ({ ...t })),
    };
    for (const { secondary, group } of secondaries) {
      const copy = copyEnvironment(ctx, secondary, suffix, targetVersion, group, members);
      greenGlobal.members.push({ region: secondary.region, clusterId: copy.id, isWriter: false, synchronizationStatus: 'connected' });
    }
    ctx.state.globalClusters.push(greenGlobal);
    globalPair = { sourceId: global.id, targetId: greenGlobal.id };
  }
  const deployment: BlueGreenDeployment = {
    id: newIds.blueGreenId(ctx.state),
    name: request.name,
    region: blue.region,
    sourceClusterId: blue.id,
    targetClusterId: green.id,
    ...(globalPair ? { global: globalPair } : {}),
    members,
    status: 'PROVISIONING',
    targetEngineVersion: targetVersion,
    targetParameterGroup: targetGroup,
    createdAt: ctx.now,
    provisionedAt: ctx.now + ctx.state.timings.blueGreenProvisioning / ctx.timeScale,
    tags: request.tags ?? [],
  };
  ctx.state.blueGreenDeployments.push(deployment);
  bgEvent(ctx, deployment, `Blue/green deployment creation started.`, ['creation']);
  schedule(ctx, { kind: 'blue-green-provisioned', deploymentId: deployment.id }, ctx.state.timings.blueGreenProvisioning);
  return deployment;
}

/**
 * The DB cluster parameter group of a green secondary. A parameter group belongs to one Region and
 * each cluster of a global database has its own ("Modifying parameters for an Aurora global
 * database", Aurora User Guide), and a cluster's group must be of its engine's family
 * (`checkParameterGroupFamily`, the refusal CreateDBCluster and ModifyDBCluster give). So: the
 * group named in TargetDBClusterParameterGroupName when that Region has one of that name (of the
 * target family, else refused as for the primary); otherwise the secondary's own group when it fits
 * the target version (a minor upgrade), else the target family's default group in that Region —
 * what green gets for a major upgrade without a named group (see `createBlueGreen`). Never a group
 * of the old family on the new version.
 */
function secondaryGreenGroup(ctx: ModelContext, secondary: DbCluster, targetGroup: string | undefined, targetVersion: string): string {
  const family = parameterGroupFamily(secondary.engine, targetVersion);
  const named = targetGroup ? findClusterParameterGroup(ctx.state, secondary.region, targetGroup) : undefined;
  if (named) {
    checkParameterGroupFamily(named, secondary.engine, targetVersion, 'cluster');
    return named.name;
  }
  const own = findClusterParameterGroup(ctx.state, secondary.region, secondary.parameterGroup);
  if (own?.family === family) return own.name;
  return defaultClusterParameterGroup(ctx, secondary.region, family);
}

/**
 * A green copy (`<id>-green-<suffix>`) of one cluster and its instances, all `creating`; records the
 * pairs (with their region when it is not the primary's).
 */
function copyEnvironment(
  ctx: ModelContext,
  blue: DbCluster,
  suffix: string,
  version: string,
  parameterGroup: string,
  members: BlueGreenDeployment['members'],
): DbCluster {
  const region = members.length === 0 ? {} : { region: blue.region };
  const green: DbCluster = {
    ...blue,
    id: `${blue.id}-green-${suffix}`,
    resourceId: newIds.clusterResourceId(ctx.state),
    engineVersion: version,
    status: 'creating',
    parameterGroup,
    createdAt: ctx.now,
    tags: blue.tags.map((t) => ({ ...t })),
  };
  ctx.state.clusters.push(green);
  members.push({ kind: 'cluster', source: blue.id, target: green.id, ...region });
  for (const instance of instancesOf(ctx.state, blue).filter((i) => i.status !== 'deleting')) {
    const id = `${instance.id}-green-${suffix}`;
    ctx.state.instances.push({
      ...instance,
      id,
      clusterId: green.id,
      status: 'creating',
      resourceId: newIds.instanceResourceId(ctx.state),
      engineVersion: version,
      createdAt: ctx.now,
      pendingInstanceClass: undefined,
      tags: instance.tags.map((t) => ({ ...t })),
    });
    if (blue.writerId === instance.id) green.writerId = id;
    members.push({ kind: 'instance', source: instance.id, target: id, ...region });
  }
  return green;
}

/**
 * A blue/green deployment of a Global Database starts from its primary cluster, while the global
 * database is available (not switching or failing over).
 */
function checkGlobalSource(ctx: ModelContext, global: GlobalCluster, blue: DbCluster): void {
  const member = global.members.find((m) => m.region === blue.region && m.clusterId === blue.id);
  if (!member?.isWriter) {
    const primary = global.members.find((m) => m.isWriter);
    throw rdsErrors.invalidClusterState(
      `DB cluster ${blue.id} is a secondary cluster of global database ${global.id}; create the blue/green deployment from its primary cluster${primary ? ` (${primary.clusterId} in ${primary.region})` : ''}.`,
    );
  }
  if (global.status !== 'available') {
    throw rdsErrors.invalidGlobalClusterState(`Global cluster ${global.id} is not in the available state (it is ${global.status}).`);
  }
  for (const m of global.members) {
    const cluster = findCluster(ctx.state, m.region, m.clusterId);
    if (cluster && cluster.status !== 'available') throw rdsErrors.invalidDBClusterStateForTarget(cluster.id, cluster.status);
  }
}

/** Every cluster of one side of a deployment (`source` blue, `target` green), with its region: several for a Global Database. */
export function deploymentClusters(ctx: ModelContext, deployment: BlueGreenDeployment, side: 'source' | 'target'): DbCluster[] {
  return deployment.members
    .filter((p) => p.kind === 'cluster')
    .flatMap((p) => findCluster(ctx.state, p.region ?? deployment.region, p[side]) ?? []);
}

/** Green is ready: its cluster and instances are available, the deployment is AVAILABLE (RDS-EVENT-0244). */
export function finishProvisioning(ctx: ModelContext, deployment: BlueGreenDeployment): void {
  if (deployment.status !== 'PROVISIONING') return;
  for (const green of deploymentClusters(ctx, deployment, 'target')) {
    green.status = 'available';
    for (const instance of instancesOf(ctx.state, green)) if (instance.status === 'creating') instance.status = 'available';
  }
  deployment.status = 'AVAILABLE';
  bgEvent(
    ctx,
    deployment,
    'Blue/green deployment tasks completed. You can make more modifications to the green environment databases or switch over the deployment.',
    ['notification'],
  );
}

/** Replication lag from blue to green (ms), the guardrail input: the largest lag injected on either side. */
export function blueGreenLagMs(ctx: ModelContext, deployment: BlueGreenDeployment, at: number): number {
  let lag = 0;
  for (const cluster of [...deploymentClusters(ctx, deployment, 'source'), ...deploymentClusters(ctx, deployment, 'target')]) {
    const { region, id: clusterId } = cluster;
    lag = Math.max(lag, injectedLagMs(ctx, { region, clusterId }, at));
    for (const instance of instancesOf(ctx.state, cluster)) {
      lag = Math.max(lag, injectedLagMs(ctx, { region, clusterId, instanceId: instance.id }, at));
    }
  }
  return lag;
}

/**
 * SwitchoverBlueGreenDeployment: guardrails, then ~1 min of switchover plus catch-up of the
 * replication lag. If that overruns SwitchoverTimeout (or a timeout fault is injected) the
 * switchover is rolled back at the timeout and nothing changes.
 */
export function requestSwitchover(ctx: ModelContext, deployment: BlueGreenDeployment, timeoutSec = 300): void {
  if (!Number.isInteger(timeoutSec) || timeoutSec < 30 || timeoutSec > 3600) {
    throw commonErrors.invalidParameterValue(`Invalid value ${timeoutSec} for SwitchoverTimeout. Must be between 30 and 3600.`);
  }
  if (deployment.status !== 'AVAILABLE' && deployment.status !== 'SWITCHOVER_FAILED') {
    throw rdsErrors.invalidBlueGreenState(
      `The blue/green deployment ${deployment.id} can't be switched over in its current state (${deployment.status}).`,
    );
  }
  for (const cluster of [...deploymentClusters(ctx, deployment, 'source'), ...deploymentClusters(ctx, deployment, 'target')]) {
    const unavailable = [cluster, ...instancesOf(ctx.state, cluster)].find((r) => r.status !== 'available');
    if (unavailable) {
      throw rdsErrors.invalidBlueGreenState(
        `Switchover guardrail failed: ${'clusterId' in unavailable ? 'DB instance' : 'DB cluster'} ${unavailable.id} in ${cluster.region} is ${unavailable.status}, not available.`,
      );
    }
  }
  for (const id of deployment.global ? [deployment.global.sourceId, deployment.global.targetId] : []) {
    const global = ctx.state.globalClusters.find((g) => g.id === id);
    if (global && global.status !== 'available') {
      throw rdsErrors.invalidBlueGreenState(`Switchover guardrail failed: global cluster ${global.id} is ${global.status}, not available.`);
    }
  }
  deployment.status = 'SWITCHOVER_IN_PROGRESS';
  deployment.statusDetails = undefined;
  deployment.switchoverStartedAt = ctx.now;
  deployment.switchoverTimeoutSec = timeoutSec;
  bgEvent(ctx, deployment, `Switchover from ${deployment.sourceClusterId} to ${deployment.targetClusterId} started.`, ['notification']);
  clusterEvent(
    ctx,
    deployment.region,
    deployment.sourceClusterId,
    `Switchover from DB cluster ${deployment.sourceClusterId} to ${deployment.targetClusterId} started.`,
    ['notification'],
  );
  const lagMs = blueGreenLagMs(ctx, deployment, ctx.now);
  const needed = ctx.state.timings.blueGreenSwitchover + lagMs;
  const forced = takeFault(ctx.state.faults.blueGreenTimeouts, (f) => !f.deploymentId || f.deploymentId === deployment.id);
  if (forced || needed > timeoutSec * 1000) {
    const reason = forced
      ? `the switchover didn't finish within ${timeoutSec} seconds`
      : `replica lag (${Math.round(lagMs / 1000)} s) didn't catch up within the switchover timeout of ${timeoutSec} seconds`;
    schedule(ctx, { kind: 'blue-green-switchover-done', deploymentId: deployment.id, outcome: 'rollback', reason }, timeoutSec * 1000);
  } else {
    schedule(ctx, { kind: 'blue-green-switchover-done', deploymentId: deployment.id, outcome: 'complete' }, needed);
  }
}

export function finishSwitchover(
  ctx: ModelContext,
  deployment: BlueGreenDeployment,
  outcome: 'complete' | 'rollback',
  reason?: string,
): void {
  if (deployment.status !== 'SWITCHOVER_IN_PROGRESS') return;
  if (outcome === 'rollback') {
    deployment.status = 'SWITCHOVER_FAILED';
    deployment.statusDetails = `Switchover was canceled and rolled back because ${reason ?? 'it timed out'}. No changes were made to the environments.`;
    bgEvent(ctx, deployment, `Switchover canceled on blue/green deployment: ${reason ?? 'timed out'}.`, ['failure']);
    clusterEvent(
      ctx,
      deployment.region,
      deployment.sourceClusterId,
      `Switchover from DB cluster ${deployment.sourceClusterId} to ${deployment.targetClusterId} was canceled.`,
      ['failure'],
    );
    return;
  }
  const oldSuffix = freeOldSuffix(ctx, deployment);
  const pairs = deployment.members.map((p) => ({ ...p, region: p.region ?? deployment.region }));
  // In every region at once (for a Global Database, the primary's and each secondary's): blue first
  // takes its -oldN names, then green takes blue's names; endpoints move with the names.
  for (const cluster of pairs.filter((p) => p.kind === 'cluster')) {
    const blue = findCluster(ctx.state, cluster.region, cluster.source);
    const green = findCluster(ctx.state, cluster.region, cluster.target);
    if (!blue || !green) continue;
    const instances = pairs.filter((p) => p.kind === 'instance' && p.region === cluster.region);
    for (const pair of instances) renameInstance(ctx, pair.region, pair.source, `${pair.source}${oldSuffix}`);
    renameCluster(ctx, cluster.region, blue.id, `${cluster.source}${oldSuffix}`);
    for (const pair of instances) {
      renameInstance(ctx, pair.region, pair.target, pair.source);
      instanceEvent(
        ctx,
        pair.region,
        pair.source,
        `Switchover from primary/read replica ${pair.source} to ${pair.target} completed. Renamed ${pair.source} to ${pair.source}${oldSuffix} and ${pair.target} to ${pair.source}.`,
        ['notification'],
      );
    }
    renameCluster(ctx, cluster.region, green.id, cluster.source);
    blue.readOnly = true;
    green.tags = mergeTags(green.tags, blue.tags);
    clusterEvent(
      ctx,
      cluster.region,
      green.id,
      `Switchover from DB cluster ${cluster.source} to ${cluster.target} completed. Renamed ${cluster.source} to ${blue.id} and ${cluster.target} to ${green.id}.`,
      ['notification'],
    );
  }
  if (deployment.global) {
    // The green global cluster takes the blue one's name (and engine version: green's), the blue one
    // becomes <name>-oldN with the old clusters, as the clusters themselves are renamed.
    const { sourceId, targetId } = deployment.global;
    const blueGlobal = ctx.state.globalClusters.find((g) => g.id === sourceId);
    const greenGlobal = ctx.state.globalClusters.find((g) => g.id === targetId);
    if (blueGlobal && greenGlobal) {
      renameGlobalCluster(ctx, sourceId, `${sourceId}${oldSuffix}`);
      renameGlobalCluster(ctx, targetId, sourceId);
      greenGlobal.tags = mergeTags(greenGlobal.tags, blueGlobal.tags);
    }
  }
  deployment.status = 'SWITCHOVER_COMPLETED';
  deployment.statusDetails = 'Switchover completed.';
  bgEvent(ctx, deployment, 'Switchover completed on blue/green deployment.', ['notification']);
}

function freeOldSuffix(ctx: ModelContext, deployment: BlueGreenDeployment): string {
  for (let n = 1; ; n++) {
    const suffix = `-old${n}`;
    const taken =
      deployment.members.some((p) =>
        p.kind === 'cluster'
          ? findCluster(ctx.state, p.region ?? deployment.region, `${p.source}${suffix}`)
          : ctx.state.instances.some((i) => i.region === (p.region ?? deployment.region) && i.id === `${p.source}${suffix}`),
      ) ||
      (deployment.global !== undefined && ctx.state.globalClusters.some((g) => g.id === `${deployment.global!.sourceId}${suffix}`));
    if (!taken) return suffix;
  }
}

/** DeleteBlueGreenDeployment: DeleteTarget deletes green (not allowed after a completed switchover). */
export function requestDeleteBlueGreen(ctx: ModelContext, deployment: BlueGreenDeployment, deleteTarget: boolean): void {
  if (deployment.status === 'DELETING' || deployment.status === 'SWITCHOVER_IN_PROGRESS') {
    throw rdsErrors.invalidBlueGreenState(
      `The blue/green deployment ${deployment.id} can't be deleted in its current state (${deployment.status}).`,
    );
  }
  if (deleteTarget && deployment.status === 'SWITCHOVER_COMPLETED') {
    throw rdsErrors.invalidBlueGreenState(
      `You can't delete the green environment of blue/green deployment ${deployment.id} after a switchover: it is now production. Delete it without DeleteTarget.`,
    );
  }
  const greens = deleteTarget ? deploymentClusters(ctx, deployment, 'target') : [];
  const protectedGreen = greens.find((g) => g.deletionProtection);
  if (protectedGreen) throw rdsErrors.invalidClusterState(`DB cluster ${protectedGreen.id} has deletion protection enabled.`);
  deployment.status = 'DELETING';
  for (const green of greens) {
    green.status = 'deleting';
    for (const instance of instancesOf(ctx.state, green)) instance.status = 'deleting';
    schedule(ctx, { kind: 'cluster-deleted', region: green.region, clusterId: green.id }, ctx.state.timings.blueGreenDelete);
  }
  const greenGlobal = deleteTarget && deployment.global && ctx.state.globalClusters.find((g) => g.id === deployment.global!.targetId);
  if (greenGlobal) greenGlobal.status = 'deleting';
  schedule(ctx, { kind: 'blue-green-deleted', deploymentId: deployment.id }, ctx.state.timings.blueGreenDelete);
}

export function finishDelete(ctx: ModelContext, deployment: BlueGreenDeployment): void {
  ctx.state.blueGreenDeployments = ctx.state.blueGreenDeployments.filter((d) => d !== deployment);
  for (const oldBlue of deploymentClusters(ctx, deployment, 'source')) oldBlue.readOnly = undefined;
  // A deleted green global database goes with its clusters.
  ctx.state.globalClusters = ctx.state.globalClusters.filter((g) => !(g.id === deployment.global?.targetId && g.status === 'deleting'));
  bgEvent(ctx, deployment, 'Blue/green deployment deleted.', ['deletion']);
}

/** Removes a deleted cluster and its instances. */
export function removeCluster(ctx: ModelContext, region: string, clusterId: string): void {
  for (const i of ctx.state.instances) if (i.region === region && i.clusterId === clusterId) retireInstanceUsage(ctx.state, i, ctx.now);
  const cluster = findCluster(ctx.state, region, clusterId);
  if (cluster) retireClusterUsage(ctx.state, cluster, ctx.now);
  ctx.state.instances = ctx.state.instances.filter((i) => !(i.region === region && i.clusterId === clusterId));
  ctx.state.clusters = ctx.state.clusters.filter((c) => !(c.region === region && c.id === clusterId));
  clusterEvent(ctx, region, clusterId, 'DB cluster deleted', ['deletion']);
}

function mergeTags(into: Tag[], from: Tag[]): Tag[] {
  const merged = new Map(into.map((t) => [t.Key, t.Value]));
  for (const t of from) merged.set(t.Key, t.Value);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

export { compareVersions } from './engine-catalog';
