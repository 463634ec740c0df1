import {
  AddTagsToResourceCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClusterParameterGroupsCommand,
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  DescribeGlobalClustersCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-rds';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

let sim: RunningSimulator;
let aws: SdkClients;
let eu: SdkClients;

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo', timeScale: 1000 });
  aws = sdkClients(sim);
  eu = sdkClients(sim, { region: 'eu-west-1' });
});

afterAll(async () => {
  destroyClients(aws);
  destroyClients(eu);
  await sim.stop();
});

describe('DescribeDBClusters', () => {
  it('returns the demo topology of prod-app', async () => {
    const out = await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app' }));
    const cluster = out.DBClusters![0];
    expect(cluster).toMatchObject({
      DBClusterIdentifier: 'prod-app',
      Status: 'available',
      Engine: 'aurora-postgresql',
      EngineVersion: '15.4',
      DBClusterParameterGroup: 'prod-app-pg15',
      GlobalClusterIdentifier: 'prod-app-global',
      DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
      MultiAZ: true,
    });
    expect(cluster.ClusterCreateTime).toBeInstanceOf(Date);
    expect(cluster.DBClusterMembers).toEqual([
      { DBInstanceIdentifier: 'prod-app-0', IsClusterWriter: true, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 0 },
      { DBInstanceIdentifier: 'prod-app-1', IsClusterWriter: false, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 1 },
      { DBInstanceIdentifier: 'prod-app-2', IsClusterWriter: false, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 1 },
      { DBInstanceIdentifier: 'prod-app-analytics', IsClusterWriter: false, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 15 },
    ]);
    expect(cluster.Endpoint).toMatch(/^prod-app\.cluster-c[a-z0-9]{11}\.us-east-1\.rds\.amazonaws\.com$/);
    expect(cluster.TagList).toContainEqual({ Key: 'team', Value: 'checkout' });
  });

  it('lists each region separately: eu-west-1 sees the global secondary (no writer) and its blue/green copy', async () => {
    const us = await aws.rds.send(new DescribeDBClustersCommand({}));
    expect(us.DBClusters!.map((c) => c.DBClusterIdentifier)).toEqual(expect.arrayContaining(['prod-app', 'billing-db', 'analytics-db']));
    const out = await eu.rds.send(new DescribeDBClustersCommand({}));
    expect(out.DBClusters!.map((c) => c.DBClusterIdentifier)).toEqual(['prod-app-eu', expect.stringMatching(/^prod-app-eu-green-/)]);
    expect(out.DBClusters![0].DBClusterMembers!.every((m) => !m.IsClusterWriter)).toBe(true);
  });

  it('filters by db-cluster-id (identifier or ARN) and engine, and rejects unknown filter names', async () => {
    const out = await aws.rds.send(
      new DescribeDBClustersCommand({
        Filters: [
          { Name: 'db-cluster-id', Values: ['arn:aws:rds:us-east-1:123456789012:cluster:billing-db', 'analytics-db'] },
          { Name: 'engine', Values: ['aurora-postgresql'] },
        ],
      }),
    );
    expect(out.DBClusters!.map((c) => c.DBClusterIdentifier)).toEqual(['analytics-db', 'billing-db']);
    const error = await errorOf(() => aws.rds.send(new DescribeDBClustersCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('answers an unknown cluster with DBClusterNotFoundFault (404)', async () => {
    const error = await errorOf(() => aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'no-such-cluster' })));
    expect(error.name).toBe('DBClusterNotFoundFault');
    expect(error.message).toBe('DBCluster no-such-cluster not found.');
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });

  it('rejects MaxRecords outside 20..100', async () => {
    const error = await errorOf(() => aws.rds.send(new DescribeDBClustersCommand({ MaxRecords: 5 })));
    expect(error.name).toBe('InvalidParameterValue');
  });
});

describe('DescribeDBInstances', () => {
  it('describes an instance with class, AZ, tier and cluster', async () => {
    const out = await aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'prod-app-analytics' }));
    expect(out.DBInstances![0]).toMatchObject({
      DBInstanceIdentifier: 'prod-app-analytics',
      DBInstanceClass: 'db.r6g.large',
      AvailabilityZone: 'us-east-1a',
      PromotionTier: 15,
      DBClusterIdentifier: 'prod-app',
      DBInstanceStatus: 'available',
      Engine: 'aurora-postgresql',
    });
  });

  it('filters by db-cluster-id', async () => {
    const out = await aws.rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-cluster-id', Values: ['billing-db'] }] }));
    expect(out.DBInstances!.map((i) => i.DBInstanceIdentifier)).toEqual(['billing-db-0', 'billing-db-1']);
  });

  it('maps DBInstanceNotFound to DBInstanceNotFoundFault (the query code differs from the shape name)', async () => {
    const error = await errorOf(() => aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'ghost' })));
    expect(error.name).toBe('DBInstanceNotFoundFault');
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });
});

describe('DescribeGlobalClusters', () => {
  it('shows prod-app as writer and prod-app-eu as reader, from either region', async () => {
    for (const clients of [aws, eu]) {
      const out = await clients.rds.send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: 'prod-app-global' }));
      const global = out.GlobalClusters![0];
      expect(global.Status).toBe('available');
      expect(global.GlobalClusterMembers).toEqual([
        expect.objectContaining({
          DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
          IsWriter: true,
          Readers: ['arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu'],
        }),
        expect.objectContaining({
          DBClusterArn: 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu',
          IsWriter: false,
          SynchronizationStatus: 'connected',
        }),
      ]);
    }
  });

  it('answers an unknown global cluster with GlobalClusterNotFoundFault', async () => {
    const error = await errorOf(() => aws.rds.send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: 'nope' })));
    expect(error.name).toBe('GlobalClusterNotFoundFault');
  });
});

describe('DescribeBlueGreenDeployments', () => {
  it('shows the prod-app upgrade to 16.4, ready to switch over, with green names', async () => {
    const out = await aws.rds.send(new DescribeBlueGreenDeploymentsCommand({}));
    const deployment = out.BlueGreenDeployments![0];
    expect(deployment.BlueGreenDeploymentIdentifier).toMatch(/^bgd-[a-z0-9]{16}$/);
    expect(deployment.Status).toBe('AVAILABLE');
    expect(deployment.Source).toBe('arn:aws:rds:us-east-1:123456789012:cluster:prod-app');
    expect(deployment.Target).toMatch(/:cluster:prod-app-green-[a-z0-9]{6}$/);
    expect(deployment.Tasks!.every((t) => t.Status === 'COMPLETED')).toBe(true);
    expect(deployment.Tasks!.map((t) => t.Name)).toContain('DB_ENGINE_VERSION_UPGRADE');
    expect(deployment.SwitchoverDetails).toHaveLength(7); // prod-app's 5 members and prod-app-eu's 2 (eu-west-1)
    const green = await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: deployment.Target }));
    expect(green.DBClusters![0]).toMatchObject({ EngineVersion: '16.4', DBClusterParameterGroup: 'prod-app-pg16', Status: 'available' });
  });

  it('filters by source and answers an unknown identifier with BlueGreenDeploymentNotFoundFault', async () => {
    const out = await aws.rds.send(
      new DescribeBlueGreenDeploymentsCommand({
        Filters: [{ Name: 'source', Values: ['arn:aws:rds:us-east-1:123456789012:cluster:billing-db'] }],
      }),
    );
    expect(out.BlueGreenDeployments).toEqual([]);
    const error = await errorOf(() =>
      aws.rds.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: 'bgd-0000000000000000' })),
    );
    expect(error.name).toBe('BlueGreenDeploymentNotFoundFault');
  });
});

describe('parameter groups', () => {
  it('lists cluster parameter groups and their user parameters; blue and green drift in work_mem', async () => {
    const groups = await aws.rds.send(new DescribeDBClusterParameterGroupsCommand({}));
    expect(groups.DBClusterParameterGroups!.map((g) => g.DBClusterParameterGroupName)).toEqual(
      expect.arrayContaining(['prod-app-pg15', 'prod-app-pg16']),
    );
    const user = async (name: string) => {
      const out = await aws.rds.send(new DescribeDBClusterParametersCommand({ DBClusterParameterGroupName: name, Source: 'user' }));
      return Object.fromEntries(out.Parameters!.map((p) => [p.ParameterName, p.ParameterValue]));
    };
    const blue = await user('prod-app-pg15');
    const green = await user('prod-app-pg16');
    expect(blue['rds.logical_replication']).toBe('1');
    const drifted = Object.keys({ ...blue, ...green }).filter((k) => blue[k] !== green[k]);
    expect(drifted).toEqual(['work_mem']);
  });

  it('filters parameters by name and answers an unknown group with DBParameterGroupNotFoundFault', async () => {
    const out = await aws.rds.send(
      new DescribeDBClusterParametersCommand({
        DBClusterParameterGroupName: 'prod-app-pg15',
        Filters: [{ Name: 'parameter-name', Values: ['max_connections'] }],
      }),
    );
    expect(out.Parameters).toEqual([
      expect.objectContaining({
        ParameterName: 'max_connections',
        ParameterValue: '2000',
        Source: 'user',
        ApplyType: 'static',
        IsModifiable: true,
      }),
    ]);
    const error = await errorOf(() => aws.rds.send(new DescribeDBClusterParametersCommand({ DBClusterParameterGroupName: 'nope' })));
    expect(error.name).toBe('DBParameterGroupNotFoundFault');
  });
});

describe('tags', () => {
  it('adds and lists tags on a cluster ARN', async () => {
    const arn = 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db';
    await aws.rds.send(
      new AddTagsToResourceCommand({
        ResourceName: arn,
        Tags: [
          { Key: 'oncall', Value: 'billing-pager' },
          { Key: 'team', Value: 'billing-core' },
        ],
      }),
    );
    const out = await aws.rds.send(new ListTagsForResourceCommand({ ResourceName: arn }));
    expect(out.TagList).toEqual(
      expect.arrayContaining([
        { Key: 'oncall', Value: 'billing-pager' },
        { Key: 'team', Value: 'billing-core' },
      ]),
    );
    expect(out.TagList!.filter((t) => t.Key === 'team')).toHaveLength(1);
  });

  it('answers tags of a missing instance with DBInstanceNotFoundFault', async () => {
    const error = await errorOf(() =>
      aws.rds.send(new ListTagsForResourceCommand({ ResourceName: 'arn:aws:rds:us-east-1:123456789012:db:ghost' })),
    );
    expect(error.name).toBe('DBInstanceNotFoundFault');
  });
});

describe('DescribeEvents', () => {
  it('needs a source type with a source identifier', async () => {
    const error = await errorOf(() => aws.rds.send(new DescribeEventsCommand({ SourceIdentifier: 'prod-app' })));
    expect(error.name).toBe('InvalidParameterCombination');
  });

  it('returns the blue/green provisioning events of the demo fleet within the duration', async () => {
    const out = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'blue-green-deployment', Duration: 120 }));
    expect(out.Events!.map((e) => e.Message)).toEqual(
      expect.arrayContaining([
        'Blue/green deployment tasks completed. You can make more modifications to the green environment databases or switch over the deployment.',
      ]),
    );
    expect(out.Events![0].Date).toBeInstanceOf(Date);
  });
});
