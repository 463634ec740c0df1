import { parseRdsArn } from './arn';
import { rdsErrors } from './errors';
import type { BlueGreenDeployment, ClusterParameterGroup, DbCluster, DbInstance, GlobalCluster, SimState } from './types';

/** RDS identifiers are case-insensitive and stored in lowercase. */
export function normalizeId(id: string): string {
  return id.toLowerCase();
}

/** Accepts an identifier or an ARN (several RDS parameters take either); returns the identifier. */
export function idFromIdOrArn(text: string): string {
  return normalizeId(parseRdsArn(text)?.id ?? text);
}

export function findCluster(state: SimState, region: string, id: string): DbCluster | undefined {
  const key = idFromIdOrArn(id);
  return state.clusters.find((c) => c.region === region && c.id === key);
}

export function getCluster(state: SimState, region: string, id: string): DbCluster {
  const cluster = findCluster(state, region, id);
  if (!cluster) throw rdsErrors.clusterNotFound(id);
  return cluster;
}

export function findInstance(state: SimState, region: string, id: string): DbInstance | undefined {
  const key = idFromIdOrArn(id);
  return state.instances.find((i) => i.region === region && i.id === key);
}

export function getInstance(state: SimState, region: string, id: string): DbInstance {
  const instance = findInstance(state, region, id);
  if (!instance) throw rdsErrors.instanceNotFound(id);
  return instance;
}

export function instancesOf(state: SimState, cluster: DbCluster): DbInstance[] {
  return state.instances.filter((i) => i.region === cluster.region && i.clusterId === cluster.id);
}

export function getGlobalCluster(state: SimState, id: string): GlobalCluster {
  const key = idFromIdOrArn(id);
  const global = state.globalClusters.find((g) => g.id === key);
  if (!global) throw rdsErrors.globalClusterNotFound(id);
  return global;
}

/** The global database a cluster belongs to, if any. */
export function globalClusterOf(state: SimState, cluster: DbCluster): GlobalCluster | undefined {
  return state.globalClusters.find((g) => g.members.some((m) => m.region === cluster.region && m.clusterId === cluster.id));
}

export function getBlueGreen(state: SimState, id: string): BlueGreenDeployment {
  const deployment = state.blueGreenDeployments.find((d) => d.id === id.toLowerCase());
  if (!deployment) throw rdsErrors.blueGreenNotFound(id);
  return deployment;
}

export function getClusterParameterGroup(state: SimState, region: string, name: string): ClusterParameterGroup {
  const group = findClusterParameterGroup(state, region, name);
  if (!group) throw rdsErrors.parameterGroupNotFound(name);
  return group;
}

export function findClusterParameterGroup(state: SimState, region: string, name: string): ClusterParameterGroup | undefined {
  const key = name.toLowerCase();
  return state.clusterParameterGroups.find((g) => g.region === region && g.name === key);
}
