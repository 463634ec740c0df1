/** One `kind: Resource, spec.type: database` entity per simulated Aurora cluster. */
import type { Entity } from '@backstage/catalog-model';
import type { FleetCluster } from '@switchyard/core';
import { CLUSTER_ARN_ANNOTATION, GLOBAL_CLUSTER_ANNOTATION } from '../service/entities';
import { DEFAULT_OWNER, DEFAULT_TEAM_OWNERS } from './demo-people';

export function clusterEntity(cluster: FleetCluster, location: string, teamOwners: Record<string, string> = DEFAULT_TEAM_OWNERS): Entity {
  const team = cluster.tags.team;
  const owner = (team && teamOwners[team]) || DEFAULT_OWNER;
  const engine = cluster.engine === 'aurora-postgresql' ? 'Aurora PostgreSQL' : cluster.engine;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.clusterId,
      description: `${engine} ${cluster.engineVersion} cluster in ${cluster.region}, ${cluster.instances} instance(s)${team ? `, team ${team}` : ''} (AWS simulator)`,
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        [CLUSTER_ARN_ANNOTATION]: cluster.arn,
        ...(cluster.globalClusterId ? { [GLOBAL_CLUSTER_ANNOTATION]: cluster.globalClusterId } : {}),
      },
      tags: [cluster.engine, cluster.region].map((t) => t.toLowerCase().replace(/[^a-z0-9+#-]/g, '-')),
      ...(cluster.tags.env ? { labels: { env: cluster.tags.env.replace(/[^A-Za-z0-9._-]/g, '-') } } : {}),
    },
    spec: { type: 'database', owner: `group:default/${owner}` },
  };
}
