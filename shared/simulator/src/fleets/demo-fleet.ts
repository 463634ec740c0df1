import type { SimState, Tag } from '../model/types';
import { FleetBuilder } from './fleet-builder';
import { addGeneratedClusters } from './generated-fleet';

export interface FleetOptions {
  /** Clock time the fleet is built at (its resources' ages are relative to it). */
  now?: number;
  seed?: number;
  /** Time scale of the simulator that will run it (in-flight transitions finish scaled). */
  timeScale?: number;
}

export interface DemoFleetOptions extends FleetOptions {
  /** Adds this many generated clusters (`orders-001`, … as `generatedFleet` names them, seed 1) to the demo account. */
  extraClusters?: number;
}

const PROD_TAGS: Tag[] = [
  { Key: 'team', Value: 'checkout' },
  { Key: 'owner', Value: 'platform-oncall@example.com' },
  { Key: 'env', Value: 'prod' },
  { Key: 'app', Value: 'prod-app' },
  { Key: 'cost-center', Value: 'cc-4711' },
];

const PROD_PARAMETERS = {
  'rds.logical_replication': '1',
  log_min_duration_statement: '1000',
  max_connections: '2000',
  work_mem: '16384',
};

/**
 * The demo account (seed 003): Aurora PostgreSQL `prod-app` in us-east-1 with a tier-0 writer,
 * two tier-1 readers in other AZs and a tier-15 analytics reader; Global Database
 * `prod-app-global` with the eu-west-1 secondary `prod-app-eu`; a Blue/Green deployment of
 * prod-app to 16.4 ready to switch over (its parameter group drifts in `work_mem`); and two
 * smaller clusters, one of them adding a reader.
 */
export function demoFleet(options: DemoFleetOptions = {}): SimState {
  const fleet = new FleetBuilder(options.seed ?? 3, options.now ?? Date.now(), options.timeScale);
  fleet
    .parameterGroup('us-east-1', 'prod-app-pg15', 'aurora-postgresql15', 'prod-app cluster parameters (PostgreSQL 15)', PROD_PARAMETERS)
    .parameterGroup('us-east-1', 'prod-app-pg16', 'aurora-postgresql16', 'prod-app cluster parameters (PostgreSQL 16)', {
      ...PROD_PARAMETERS,
      work_mem: '65536',
    })
    .parameterGroup('eu-west-1', 'prod-app-pg15', 'aurora-postgresql15', 'prod-app cluster parameters (PostgreSQL 15)', PROD_PARAMETERS)
    .cluster({
      region: 'us-east-1',
      id: 'prod-app',
      engineVersion: '15.4',
      parameterGroup: 'prod-app-pg15',
      writer: 'prod-app-0',
      tags: PROD_TAGS,
      instances: [
        { id: 'prod-app-0', instanceClass: 'db.r6g.xlarge', availabilityZone: 'us-east-1a', promotionTier: 0 },
        { id: 'prod-app-1', instanceClass: 'db.r6g.xlarge', availabilityZone: 'us-east-1b', promotionTier: 1 },
        { id: 'prod-app-2', instanceClass: 'db.r6g.xlarge', availabilityZone: 'us-east-1c', promotionTier: 1 },
        { id: 'prod-app-analytics', instanceClass: 'db.r6g.large', availabilityZone: 'us-east-1a', promotionTier: 15 },
      ],
    })
    .cluster({
      region: 'eu-west-1',
      id: 'prod-app-eu',
      engineVersion: '15.4',
      parameterGroup: 'prod-app-pg15',
      tags: [...PROD_TAGS.filter((t) => t.Key !== 'env'), { Key: 'env', Value: 'prod-dr' }],
      instances: [{ id: 'prod-app-eu-1', instanceClass: 'db.r6g.xlarge', availabilityZone: 'eu-west-1a', promotionTier: 1 }],
    })
    .globalCluster(
      'prod-app-global',
      { region: 'us-east-1', clusterId: 'prod-app' },
      [{ region: 'eu-west-1', clusterId: 'prod-app-eu' }],
      '15.4',
    )
    .cluster({
      region: 'us-east-1',
      id: 'billing-db',
      engineVersion: '15.4',
      writer: 'billing-db-0',
      tags: [
        { Key: 'team', Value: 'billing' },
        { Key: 'owner', Value: 'billing-team@example.com' },
        { Key: 'env', Value: 'prod' },
      ],
      instances: [
        { id: 'billing-db-0', instanceClass: 'db.r6g.large', availabilityZone: 'us-east-1a', promotionTier: 0 },
        { id: 'billing-db-1', instanceClass: 'db.r6g.large', availabilityZone: 'us-east-1b', promotionTier: 1 },
      ],
    })
    .cluster({
      region: 'us-east-1',
      id: 'analytics-db',
      engineVersion: '16.4',
      writer: 'analytics-db-0',
      tags: [
        { Key: 'team', Value: 'data' },
        { Key: 'owner', Value: 'data-eng@example.com' },
        { Key: 'env', Value: 'prod' },
      ],
      instances: [
        { id: 'analytics-db-0', instanceClass: 'db.r6g.2xlarge', availabilityZone: 'us-east-1b', promotionTier: 0 },
        { id: 'analytics-db-1', instanceClass: 'db.r6g.2xlarge', availabilityZone: 'us-east-1c', promotionTier: 1, status: 'creating' },
      ],
    })
    .blueGreen('us-east-1', 'prod-app-pg16-upgrade', 'prod-app', '16.4', 'prod-app-pg16', 40, [
      { Key: 'team', Value: 'checkout' },
      { Key: 'change', Value: 'CHG-2291' },
    ]);

  for (const cluster of ['prod-app', 'billing-db', 'analytics-db']) {
    fleet.alarm({
      region: 'us-east-1',
      name: `${cluster}-replica-lag-high`,
      description: `Aurora replica lag of ${cluster} above 1 s`,
      metricName: 'AuroraReplicaLagMaximum',
      dimensions: [{ Name: 'DBClusterIdentifier', Value: cluster }],
      statistic: 'Maximum',
      threshold: 1000,
      comparison: 'GreaterThanThreshold',
    });
    fleet.alarm({
      region: 'us-east-1',
      name: `${cluster}-cpu-high`,
      description: `CPU of ${cluster} above 80 %`,
      metricName: 'CPUUtilization',
      dimensions: [{ Name: 'DBClusterIdentifier', Value: cluster }],
      statistic: 'Average',
      threshold: 80,
      comparison: 'GreaterThanThreshold',
      evaluationPeriods: 3,
    });
  }
  fleet.alarm({
    region: 'us-east-1',
    name: 'prod-app-writer-connections-high',
    description: 'Connections to the prod-app writer above 1800',
    metricName: 'DatabaseConnections',
    dimensions: [
      { Name: 'DBClusterIdentifier', Value: 'prod-app' },
      { Name: 'Role', Value: 'WRITER' },
    ],
    statistic: 'Maximum',
    threshold: 1800,
    comparison: 'GreaterThanThreshold',
  });
  // Global replication lag is published by whichever member is a secondary at the time, so each
  // member has its alarm in its own region: promote-global.md can move the primary to eu-west-1 and
  // back. While a member is the primary it publishes no lag, which counts as not breaching.
  for (const [region, cluster] of [
    ['eu-west-1', 'prod-app-eu'],
    ['us-east-1', 'prod-app'],
  ]) {
    fleet.alarm({
      region,
      name: `${cluster}-global-lag-high`,
      description: `Global replication lag to ${cluster} above 5 s (while it is a secondary)`,
      metricName: 'AuroraGlobalDBReplicationLag',
      dimensions: [{ Name: 'DBClusterIdentifier', Value: cluster }],
      statistic: 'Maximum',
      threshold: 5000,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
  }
  if (options.extraClusters) addGeneratedClusters(fleet, options.extraClusters, 1, { timeScale: options.timeScale });
  return fleet.build();
}
