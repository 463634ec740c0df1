/**
 * Data shaped exactly like the backend's answers (types from the REST contract), for component
 * tests: the prod-app cluster of the simulator's demo fleet, its runbooks, runs and costs.
 */
import { summarize } from '@switchyard/core/model';
import type {
  CostReport,
  EntityPermissions,
  FleetEntity,
  Run,
  RunbookSummary,
  SwitchoverHistory,
  Topology,
} from '@switchyard/backstage-plugin-switchyard-common';
import type { Entity } from '@backstage/catalog-model';

const ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app';

export const prodAppEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-app', namespace: 'default', annotations: { 'aws.amazon.com/rds-cluster-arn': ARN } },
  spec: { type: 'database', owner: 'group:default/payments' },
};

function instance(id: string, az: string, tier: number, cls: string, writer: boolean) {
  return {
    id,
    status: 'available',
    class: cls,
    az,
    tier,
    clusterId: 'prod-app',
    isWriter: writer,
    engine: 'aurora-postgresql',
    engineVersion: '15.4',
    role: writer ? ('writer' as const) : ('reader' as const),
    replicaLagMs: writer ? null : 12,
  };
}

/** prod-app with `writer` as its writer; the other two are readers. */
export function prodAppTopology(writer = 'prod-app-0', withBlueGreen = true): Topology {
  const all = [
    instance('prod-app-0', 'us-east-1a', 0, 'db.r6g.large', false),
    instance('prod-app-1', 'us-east-1b', 1, 'db.r6g.large', false),
    instance('prod-app-2', 'us-east-1c', 0, 'db.r6g.large', false),
  ].map((i) => ({
    ...i,
    isWriter: i.id === writer,
    role: i.id === writer ? ('writer' as const) : ('reader' as const),
    replicaLagMs: i.id === writer ? null : 12,
  }));
  const instances = [...all.filter((i) => i.isWriter), ...all.filter((i) => !i.isWriter)];
  const readers = instances.filter((i) => !i.isWriter);
  return {
    cluster: {
      id: 'prod-app',
      arn: ARN,
      region: 'us-east-1',
      status: 'available',
      engine: 'aurora-postgresql',
      engineVersion: '15.4',
      writer,
      readers: readers.map((r) => r.id),
      members: instances,
      readerAzs: readers.map((r) => r.az),
      failoverTarget: readers.find((r) => r.tier === 0)?.id ?? null,
      parameterGroup: 'default.aurora-postgresql15',
      globalClusterId: null,
      endpoint: 'prod-app.cluster-x.us-east-1.rds.amazonaws.com',
      readerEndpoint: 'prod-app.cluster-ro-x.us-east-1.rds.amazonaws.com',
      deletionProtection: true,
      allAvailable: true,
      tags: {},
    },
    instances,
    azs: readers.map((r) => ({ az: r.az, instances: [r.id] })),
    global: null,
    blueGreen: withBlueGreen
      ? [
          {
            deployment: {
              id: 'bgd-1',
              name: 'prod-app-pg16',
              status: 'AVAILABLE',
              statusDetails: '',
              source: ARN,
              target: `${ARN}-green`,
              sourceClusterId: 'prod-app',
              targetClusterId: 'prod-app-green-x',
              tasks: [],
              switchover: [],
              createdAt: '2026-03-01T00:00:00Z',
              deletedAt: null,
            },
            blue: { clusterId: 'prod-app', engineVersion: '15.4', instances: 3, classes: ['db.r6g.large'], decommissionBy: null },
            green: { clusterId: 'prod-app-green-x', engineVersion: '16.1', instances: 3, classes: ['db.r6g.large'], decommissionBy: null },
            stage: 'ready',
            lifecycle: 'before',
            labels: { source: 'Blue (current production)', target: 'Green (new)' },
            pageIs: 'source',
          },
        ]
      : [],
    findings: [
      {
        code: 'deletion-protection-off',
        severity: 'warning',
        message: 'prod-app-green-x has deletion protection off',
        resources: ['prod-app-green-x'],
      },
    ],
    fetchedAt: '2026-03-02T10:00:00Z',
  };
}

/** prod-app-eu: the secondary of the Global Database prod-app-global in eu-west-1 (readers only, by design). */
export function secondaryTopology(): Topology {
  const primary = prodAppTopology('prod-app-0', false);
  const arn = 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu';
  const instances = primary.instances.map((i) => ({
    ...i,
    id: i.id.replace('prod-app', 'prod-app-eu'),
    az: i.az.replace('us-east-1', 'eu-west-1'),
    isWriter: false,
    role: 'reader' as const,
    replicaLagMs: 20,
  }));
  return {
    ...primary,
    cluster: {
      ...primary.cluster,
      id: 'prod-app-eu',
      arn,
      region: 'eu-west-1',
      writer: null,
      readers: instances.map((i) => i.id),
      members: instances,
      failoverTarget: null,
      globalClusterId: 'prod-app-global',
    },
    instances,
    azs: instances.map((i) => ({ az: i.az, instances: [i.id] })),
    global: {
      id: 'prod-app-global',
      status: 'available',
      regions: [
        {
          region: 'us-east-1',
          clusterId: 'prod-app',
          clusterArn: ARN,
          isPrimary: true,
          replicationLagMs: null,
          status: 'available',
          readers: 2,
        },
        {
          region: 'eu-west-1',
          clusterId: 'prod-app-eu',
          clusterArn: arn,
          isPrimary: false,
          replicationLagMs: 850,
          status: 'available',
          readers: 3,
        },
      ],
    },
    findings: [],
  };
}

export const failoverRunbook: RunbookSummary = {
  id: 'failover.md',
  title: 'Fail over an Aurora cluster to a chosen reader',
  description: 'Controlled failover',
  params: [
    { name: 'cluster', type: 'rds-cluster', required: true, description: 'The Aurora cluster to fail over' },
    {
      name: 'target',
      type: 'rds-instance',
      of: 'cluster',
      required: false,
      default: '',
      description: "The reader to promote; empty picks Aurora's own choice (lowest tier, then largest class)",
      promotes: true,
    },
  ],
  mutating: true,
  appliesTo: ['cluster'],
  needsWriter: true,
  steps: [
    { id: 'before', name: 'Check the cluster and choose the target', mutating: false },
    { id: 'approval', name: 'Confirm with the on-call lead', mutating: false },
    { id: 'failover', name: 'Fail over', mutating: true },
  ],
};

export const globalRunbook: RunbookSummary = {
  ...failoverRunbook,
  id: 'promote-global.md',
  title: 'Promote a Global Database secondary',
  params: [
    { name: 'global_cluster', type: 'global-cluster', required: true, description: 'The Global Database, e.g. prod-app-global' },
    { name: 'target_cluster', type: 'rds-cluster', required: true, description: 'The secondary cluster to promote, e.g. prod-app-eu' },
  ],
  appliesTo: ['global', 'cluster'],
  needsWriter: undefined,
};

export const switchoverRunbook: RunbookSummary = {
  ...failoverRunbook,
  id: 'blue-green-switchover.md',
  title: 'Switch over an RDS Blue/Green deployment (engine upgrade)',
  params: [
    {
      name: 'deployment',
      type: 'blue-green-deployment',
      required: true,
      description: 'The Blue/Green deployment, by name or bgd- identifier',
    },
    {
      name: 'critical_tables',
      type: 'string',
      required: false,
      default: '',
      description: 'Comma-separated tables whose rows must be identical on blue and green (data guard; needs connections)',
      needsConnections: ['blue', 'green'],
      unavailable: 'needs the blue and green connections, which are not configured',
    },
  ],
  appliesTo: ['blue-green'],
  needsWriter: undefined,
  stages: ['before'],
};

export const cleanupRunbook: RunbookSummary = {
  ...switchoverRunbook,
  id: 'blue-green-rollback-and-cleanup.md',
  title: 'Roll back or clean up after a Blue/Green switchover',
  stages: ['watch-window'],
};

/**
 * prod-app after its Blue/Green switchover: RDS renamed green to prod-app and blue to
 * prod-app-old1, so the deployment's source is the old environment and prod-app its target.
 */
export function switchedOverTopology(): Topology {
  const before = prodAppTopology();
  const pair = before.blueGreen[0];
  return {
    ...before,
    cluster: { ...before.cluster, engineVersion: '16.1' },
    blueGreen: [
      {
        deployment: {
          ...pair.deployment,
          status: 'SWITCHOVER_COMPLETED',
          statusDetails: 'Switchover completed.',
          source: `${ARN}-old1`,
          target: ARN,
          sourceClusterId: 'prod-app-old1',
          targetClusterId: 'prod-app',
        },
        blue: {
          clusterId: 'prod-app-old1',
          engineVersion: '15.4',
          instances: 3,
          classes: ['db.r6g.large'],
          decommissionBy: '2026-03-05T10:00:00Z',
        },
        green: { clusterId: 'prod-app', engineVersion: '16.1', instances: 3, classes: ['db.r6g.large'], decommissionBy: null },
        stage: 'switched over',
        lifecycle: 'watch-window',
        labels: { source: 'Old environment (rollback window)', target: 'Production (new)' },
        pageIs: 'target',
      },
    ],
  };
}

export function permissions(user: string, allowed: boolean): EntityPermissions {
  return { user, createRun: allowed, approve: allowed, control: allowed };
}

type Status = Run['status'];

/** The failover run at a point of its life: waiting for approval, or done. */
export function failoverRun(version: number, status: Status, startedBy = 'alice'): Run {
  const waiting = status === 'waiting-approval';
  const done = status === 'succeeded';
  const step = (id: string, name: string, s: Run['steps'][number]['status'], extra: Partial<Run['steps'][number]> = {}) => ({
    id,
    name,
    origin: { kind: 'step' as const, index: 0 },
    status: s,
    attempts: s === 'pending' ? 0 : 1,
    blockIndex: 0,
    blockOutputs: [],
    log: [],
    mutating: id === 'failover',
    ...(s === 'pending' ? {} : { startedAt: '2026-03-02T10:00:00Z' }),
    ...(s === 'succeeded' ? { endedAt: '2026-03-02T10:00:05Z' } : {}),
    ...extra,
  });
  return {
    id: 'run-1',
    version,
    runbook: { file: 'failover.md', title: failoverRunbook.title, source: '' },
    params: { cluster: 'prod-app', target: '' },
    status,
    phase: 'forward',
    dryRun: false,
    startedBy,
    createdAt: '2026-03-02T10:00:00Z',
    updatedAt: '2026-03-02T10:00:10Z',
    ...(done ? { endedAt: '2026-03-02T10:01:00Z' } : {}),
    steps: [
      step('before', 'Check the cluster and choose the target', 'succeeded', { output: { writer: 'prod-app-0', target: 'prod-app-2' } }),
      step(
        'approval',
        'Confirm with the on-call lead',
        waiting ? 'waiting-approval' : 'succeeded',
        waiting
          ? {
              approval: {
                kind: 'approve',
                message: 'Fail over prod-app from prod-app-0 to prod-app-2?',
                fourEyes: false,
                approvers: [],
                requestedAt: '2026-03-02T10:00:06Z',
              },
            }
          : {},
      ),
      step('failover', 'Fail over', done ? 'succeeded' : 'pending'),
    ],
    rollbackSteps: [],
    current: done ? 2 : 1,
    locks: done ? [] : ['rds-cluster:prod-app'],
    target: { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' },
    audit: [{ at: '2026-03-02T10:00:00Z', actor: startedBy, action: 'start' }],
  };
}

export const emptyHistory: SwitchoverHistory = {
  count: 0,
  succeeded: 0,
  failed: 0,
  stoppedByGuard: 0,
  calledOff: 0,
  successRate: null,
  p50Seconds: null,
  p95Seconds: null,
  approvalWaitP50Seconds: null,
  approvalWaitP95Seconds: null,
  points: [],
};

export function costReport(
  environments: Array<{ clusterId: string; migration: string; costSoFar: number; team?: string; missing?: CostReport['missing'] }>,
): CostReport {
  const envs = environments.map((e) => ({
    kind: 'green' as const,
    clusterId: e.clusterId,
    region: 'us-east-1',
    account: '123456789012',
    team: e.team ?? '',
    migration: e.migration,
    since: '2026-03-01T00:00:00Z',
    endedAt: null,
    alive: true,
    instances: [],
    costSoFar: e.costSoFar,
    burnPerHour: 1,
    burnPerDay: 24,
    projection: null,
    included: ['compute'],
    prices: [],
    compute: e.costSoFar,
    computePerHour: 1,
    storage: null,
    io: null,
    storageConfig: 'standard' as const,
    excluded: [],
    missing: e.missing ?? [],
  }));
  const missing = envs.flatMap((e) => e.missing);
  const total = envs.reduce((a, e) => a + e.costSoFar, 0);
  return {
    generatedAt: '2026-03-02T10:00:00Z',
    region: 'us-east-1',
    price: { source: 'bundled snapshot', date: '2026-01-01', currency: 'USD' },
    included: ['compute'],
    excluded: ['storage'],
    environments: envs,
    findings: [],
    rollups: {
      migration: envs.map((e) => ({
        key: e.migration,
        environments: 1,
        costSoFar: e.costSoFar,
        burnPerHour: 1,
        burnPerDay: 24,
        projectedTotal: e.costSoFar,
      })),
      team: [],
      account: [],
    },
    fleet: {
      key: 'fleet',
      environments: envs.length,
      costSoFar: total,
      burnPerHour: envs.length,
      burnPerDay: envs.length * 24,
      projectedTotal: total,
    },
    actuals: [],
    priceSources: [{ source: 'bundled snapshot', date: '2026-01-01' }],
    priceNotes: [],
    missing,
    partial: missing.length > 0,
  };
}

export function fleetEntity(name: string, owner: string, runs = 0): FleetEntity {
  const arn = `arn:aws:rds:us-east-1:123456789012:cluster:${name}`;
  return {
    entityRef: `resource:default/${name}`,
    title: name,
    owner,
    clusterArn: arn,
    cluster: {
      clusterId: name,
      arn,
      region: 'us-east-1',
      status: 'available',
      engine: 'aurora-postgresql',
      engineVersion: '15.4',
      instances: 2,
      writer: `${name}-0`,
      globalClusterId: null,
      blueGreen: [],
      tags: {},
    },
    activeRuns: Array.from({ length: runs }, (_, i) => ({ ...summarize(failoverRun(1, 'running')), id: `${name}-run-${i}` })),
  };
}
