/** Typed sample data for the component tests (the compiler checks them against the core models). */
import type { ClusterView, CostReport, Rollout, RolloutCluster, Run, StepRun, Topology, TopologyInstance } from '@switchyard/core';

function instance(id: string, role: 'writer' | 'reader', az: string, tier: number, cls: string, lag: number | null): TopologyInstance {
  return {
    id,
    role,
    az,
    tier,
    class: cls,
    status: 'available',
    clusterId: 'prod-app',
    isWriter: role === 'writer',
    engine: 'aurora-postgresql',
    engineVersion: '15.4',
    replicaLagMs: lag,
  };
}

export const INSTANCES: TopologyInstance[] = [
  instance('prod-app-1', 'writer', 'us-east-1a', 0, 'db.r6g.large', null),
  instance('prod-app-2', 'reader', 'us-east-1b', 1, 'db.r6g.large', 12),
  instance('prod-app-3', 'reader', 'us-east-1c', 15, 'db.t4g.medium', 2500),
  instance('prod-app-4', 'reader', 'us-east-1b', 2, 'db.r6g.large', null),
];

const CLUSTER: ClusterView = {
  id: 'prod-app',
  arn: 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
  region: 'us-east-1',
  status: 'available',
  engine: 'aurora-postgresql',
  engineVersion: '15.4',
  writer: 'prod-app-1',
  readers: ['prod-app-2', 'prod-app-3', 'prod-app-4'],
  members: INSTANCES,
  readerAzs: ['us-east-1b', 'us-east-1c'],
  failoverTarget: 'prod-app-2',
  parameterGroup: 'default.aurora-postgresql15',
  globalClusterId: 'prod-global',
  endpoint: 'prod-app.cluster-x.us-east-1.rds.amazonaws.com',
  readerEndpoint: 'prod-app.cluster-ro-x.us-east-1.rds.amazonaws.com',
  deletionProtection: true,
  allAvailable: true,
  tags: {},
};

export const TOPOLOGY: Topology = {
  cluster: CLUSTER,
  instances: INSTANCES,
  azs: [
    { az: 'us-east-1b', instances: ['prod-app-2', 'prod-app-4'] },
    { az: 'us-east-1c', instances: ['prod-app-3'] },
  ],
  global: {
    id: 'prod-global',
    status: 'available',
    regions: [
      {
        region: 'eu-west-1',
        clusterId: 'prod-app-eu',
        clusterArn: 'arn:eu',
        isPrimary: false,
        replicationLagMs: 850,
        status: 'available',
        readers: 1,
      },
      {
        region: 'us-east-1',
        clusterId: 'prod-app',
        clusterArn: CLUSTER.arn,
        isPrimary: true,
        replicationLagMs: null,
        status: 'available',
        readers: 3,
      },
    ],
  },
  blueGreen: [
    {
      deployment: {
        id: 'bgd-abc123',
        name: 'pg16-upgrade',
        status: 'AVAILABLE',
        statusDetails: '',
        source: CLUSTER.arn,
        target: 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app-green-x1',
        sourceClusterId: 'prod-app',
        targetClusterId: 'prod-app-green-x1',
        tasks: [],
        switchover: [],
        createdAt: '2024-05-01T10:00:00.000Z',
        deletedAt: null,
      },
      blue: {
        clusterId: 'prod-app',
        engineVersion: '15.4',
        instances: 4,
        classes: ['db.r6g.large', 'db.t4g.medium'],
        decommissionBy: null,
      },
      green: { clusterId: 'prod-app-green-x1', engineVersion: '16.2', instances: 2, classes: ['db.r6g.large'], decommissionBy: null },
      stage: 'ready',
      lifecycle: 'before',
      labels: { source: 'Blue (current production)', target: 'Green (new)' },
      pageIs: 'source',
    },
  ],
  findings: [
    {
      code: 'tiny-reader-in-high-tier',
      severity: 'warning',
      message: 'prod-app-3 is a db.t4g.medium in tier 15: fine, it will not be promoted',
      resources: ['prod-app-3'],
    },
    { code: 'no-failover-target', severity: 'error', message: 'prod-app has no reader in tier 0-1 in another AZ', resources: ['prod-app'] },
  ],
  fetchedAt: '2024-05-02T12:00:00.000Z',
};

export function step(id: string, over: Partial<StepRun> = {}): StepRun {
  return {
    id,
    name: `Step ${id}`,
    origin: { kind: 'step', index: 0 },
    status: 'pending',
    attempts: 0,
    blockIndex: 0,
    blockOutputs: [],
    log: [],
    mutating: false,
    ...over,
  };
}

export function run(over: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    version: 3,
    runbook: { file: 'failover.md', title: 'Fail over an Aurora cluster to a chosen reader', source: '' },
    params: { cluster: 'prod-app' },
    status: 'running',
    phase: 'forward',
    dryRun: false,
    startedBy: 'alice',
    createdAt: '2024-05-02T12:00:00.000Z',
    updatedAt: '2024-05-02T12:01:00.000Z',
    steps: [],
    rollbackSteps: [],
    current: 0,
    locks: ['rds-cluster:prod-app'],
    target: { endpoint: 'aws', region: 'us-east-1' },
    audit: [],
    ...over,
  };
}

const PRICE_REF = {
  usd: 0.1,
  unit: 'GB-month',
  source: 'AWS Price List (Aurora PostgreSQL, on-demand)',
  date: '2024-04-01',
  basis: 'listed',
};

export const COST_REPORT: CostReport = {
  generatedAt: '2024-05-10T00:00:00.000Z',
  region: 'us-east-1',
  price: { source: 'AWS Price List (Aurora PostgreSQL, on-demand)', date: '2024-04-01', currency: 'USD' },
  included: ['compute (on-demand instance-hours, Serverless v2 ACU-hours)'],
  excluded: ['storage', 'I/O', 'backups'],
  environments: [
    {
      kind: 'green',
      clusterId: 'prod-app-green-x1',
      region: 'us-east-1',
      account: '123456789012',
      team: 'payments',
      migration: 'pg16-upgrade',
      since: '2024-05-01T10:00:00.000Z',
      endedAt: null,
      alive: true,
      instances: [],
      costSoFar: 1234.5,
      burnPerHour: 0.52,
      burnPerDay: 12.48,
      projection: { until: '2024-05-15T00:00:00.000Z', from: 'tag', additional: 62.4, total: 1296.9 },
      included: ['compute (on-demand instance-hours, Serverless v2 ACU-hours)'],
      prices: [],
      compute: 1200,
      computePerHour: 0.5,
      storage: { gb: 40, hours: 200, usd: 30, usdPerHour: 0.015, source: 'CloudWatch VolumeBytesUsed', price: PRICE_REF },
      io: { requests: 22_500_000, usd: 4.5, usdPerHour: 0.005, source: 'CloudWatch VolumeReadIOPs + VolumeWriteIOPs', price: PRICE_REF },
      storageConfig: 'standard',
      excluded: ['backups', 'data transfer'],
      missing: [],
    },
    {
      kind: 'old-blue',
      clusterId: 'orders-old',
      region: 'us-east-1',
      account: '123456789012',
      team: 'orders',
      migration: 'orders-pg16',
      since: '2024-05-02T10:00:00.000Z',
      endedAt: null,
      alive: true,
      instances: [],
      costSoFar: 100,
      burnPerHour: 0.26,
      burnPerDay: 6.24,
      projection: null,
      included: ['compute (on-demand instance-hours, Serverless v2 ACU-hours)'],
      prices: [],
      compute: 100,
      computePerHour: 0.26,
      storage: null,
      io: null,
      storageConfig: 'standard',
      excluded: ['storage: orders-old shares its volume history with production; not attributable', 'backups', 'data transfer'],
      missing: [],
    },
  ],
  findings: [
    {
      kind: 'old-environment-alive',
      migration: 'orders-pg16',
      clusterId: 'orders-old',
      wastedUsd: 31.2,
      message: 'orders-old is still running 8.0 days after the switchover (grace 3 d); it has cost $31.20 since it could have been deleted',
    },
    {
      kind: 'green-under-provisioned',
      migration: 'pg16-upgrade',
      clusterId: 'prod-app-green-x1',
      message: "green prod-app-green-x1 has 2 instance(s) at $0.520/h against blue's 4 at $0.900/h",
    },
  ],
  rollups: { migration: [], team: [], account: [] },
  fleet: { key: 'fleet', environments: 2, costSoFar: 1334.5, burnPerHour: 0.78, burnPerDay: 18.72, projectedTotal: 1396.9 },
  missing: [],
  partial: false,
  priceSources: [
    { source: 'AWS Price List API', date: '2024-05-09' },
    { source: 'bundled snapshot', date: '2024-04-01' },
  ],
  priceNotes: ['db.x2g.large is not in the Price List answer; priced from the bundled snapshot'],
  actuals: [
    {
      migration: 'pg16-upgrade',
      totalUsd: 1180.25,
      days: [
        { date: '2024-05-08', usd: 12.1, estimated: false },
        { date: '2024-05-09', usd: 12.4, estimated: true },
      ],
      through: '2024-05-10',
      note: 'Cost Explorer data lags the usage by about 24 hours and the latest days are estimated; compare the estimate with it day by day.',
    },
  ],
};

/** A halted rollout over 4 clusters in 2 waves: c1 succeeded, c2 failed (its run holds its lock), c3 running, c4 pending. */
export function rollout(overrides: Partial<Rollout> = {}): Rollout {
  const cluster = (id: string, wave: number, more: Partial<RolloutCluster>): RolloutCluster => ({
    id,
    region: 'us-east-1',
    arn: `arn:aws:rds:us-east-1:123456789012:cluster:${id}`,
    wave,
    params: { cluster: id },
    status: 'pending',
    retries: 0,
    ...more,
  });
  return {
    id: 'ro-20240502120000-abcdef',
    version: 7,
    title: 'Upgrade payments to 16.4',
    runbook: { file: 'runbooks/upgrade.md', title: 'Upgrade', source: '' },
    template: { cluster: '{{ cluster.id }}' },
    selection: 'team=payments',
    plan: { waves: [{ count: 1 }, { rest: true }], gate: { kind: 'none' }, budget: { failures: { count: 1 }, guardStops: { count: 1 } } },
    target: 'aws@us-east-1',
    startedBy: 'alice',
    createdAt: '2024-05-02T12:00:00.000Z',
    updatedAt: '2024-05-02T12:05:00.000Z',
    status: 'halted',
    statusReason: '1 cluster(s) failed; the budget allows 1',
    approvedWaves: [],
    clusters: [
      cluster('c1', 0, {
        status: 'succeeded',
        runId: 'ro-20240502120000-abcdef-c0001',
        startedAt: '2024-05-02T12:00:00.000Z',
        endedAt: '2024-05-02T12:02:00.000Z',
      }),
      cluster('c2', 1, {
        status: 'failed',
        runId: 'ro-20240502120000-abcdef-c0002',
        startedAt: '2024-05-02T12:02:00.000Z',
        endedAt: '2024-05-02T12:03:00.000Z',
        reason: 'InvalidDBClusterStateFault: the cluster is busy',
      }),
      cluster('c3', 1, {
        status: 'running',
        runId: 'ro-20240502120000-abcdef-c0003',
        startedAt: '2024-05-02T12:02:00.000Z',
        step: 'Upgrade',
      }),
      cluster('c4', 1, {}),
    ],
    audit: [],
    ...overrides,
  };
}
