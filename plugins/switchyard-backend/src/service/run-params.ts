/**
 * A run started from an entity may only touch that entity's database: every resource param
 * (cluster, instance, Global Database, Blue/Green deployment) must belong to its topology — the
 * cluster itself, its instances, its Global Database and that database's member clusters, its
 * Blue/Green deployments and their greens. Missing resource params are filled from the entity.
 * Otherwise a user who owns one database could start runs on any other through it.
 */
import { InputError } from '@backstage/errors';
import type { Runbook, Topology } from '@switchyard/core';

export function runParams(
  runbook: Runbook,
  requested: Record<string, unknown>,
  topology: Topology,
  entityRef: string,
): Record<string, string> {
  const own = ownResources(topology);
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(requested)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'object') throw new InputError(`param ${name} must be a string, number or boolean, not ${JSON.stringify(value)}`);
    params[name] = String(value);
  }
  let clusterFilled = false;
  for (const spec of runbook.params) {
    const value = params[spec.name];
    if (value === undefined || value === '') {
      const fill = defaultFor(spec.type, own, topology, clusterFilled);
      if (fill !== undefined && (spec.required || spec.default === undefined)) {
        params[spec.name] = fill;
        if (spec.type === 'rds-cluster') clusterFilled = true;
      }
      continue;
    }
    const allowed = own[spec.type as keyof typeof own];
    if (allowed && !allowed.has(value)) {
      throw new InputError(
        `param ${spec.name}=${value} is not part of ${entityRef} (cluster ${topology.cluster.id}); ` +
          `a run started from this entity may use: ${[...allowed].sort().join(', ') || 'nothing of this type'}`,
      );
    }
    if (spec.type === 'rds-cluster' && value === topology.cluster.id) clusterFilled = true;
  }
  return params;
}

function ownResources(topology: Topology) {
  const deployments = topology.blueGreen.map((p) => p.deployment);
  const clusters = [
    topology.cluster.id,
    ...(topology.global?.regions.map((r) => r.clusterId) ?? []),
    ...topology.blueGreen.flatMap((p) => (p.green ? [p.green.clusterId] : [])),
  ];
  return {
    'rds-cluster': new Set(clusters),
    'rds-instance': new Set(topology.instances.map((i) => i.id)),
    'global-cluster': new Set(topology.global ? [topology.global.id] : []),
    'blue-green-deployment': new Set(deployments.flatMap((d) => [d.id, d.name])),
  };
}

function defaultFor(type: string, own: ReturnType<typeof ownResources>, topology: Topology, clusterFilled: boolean): string | undefined {
  switch (type) {
    case 'rds-cluster':
      return clusterFilled ? undefined : topology.cluster.id;
    case 'global-cluster':
      return topology.global?.id;
    case 'blue-green-deployment': {
      const live = topology.blueGreen.filter((p) => !p.deployment.deletedAt);
      return live.length === 1 ? live[0].deployment.name : undefined;
    }
    default:
      return undefined;
  }
}
