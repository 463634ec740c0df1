/** Fleets and rollouts for the rollout tests (pure data, no store or AWS). */
import { planRollout, type PlanInput } from './plan';
import type { ClusterFacts, Rollout } from './rollout';

export function facts(id: string, overrides: Partial<ClusterFacts> = {}): ClusterFacts {
  const region = overrides.region ?? 'us-east-1';
  return {
    id,
    arn: `arn:aws:rds:${region}:123456789012:cluster:${id}`,
    region,
    engine: 'aurora-postgresql',
    engineVersion: '15.4',
    status: 'available',
    parameterGroup: 'default.aurora-postgresql15',
    parameterGroupFamily: 'aurora-postgresql15',
    tags: { team: 'payments' },
    ...overrides,
  };
}

export const CLUSTER_RUNBOOK = { params: [{ name: 'cluster', type: 'rds-cluster', required: true }] } as unknown as PlanInput['runbook'];

/** A runbook whose one http block sends to each cluster's `maintenance_url` (the plan's http start check). */
export const DRAIN_RUNBOOK_SOURCE = `---
title: Drain
params:
  cluster: { type: rds-cluster, required: true, description: The cluster }
  maintenance_url: { type: string, required: true, description: Where to drain }
locks: ["rds-cluster:{{ cluster }}"]
---
# Drain

## Drain {#drain}

\`\`\`http
method: POST
url: "{{ maintenance_url }}/drain"
\`\`\`
`;

/** A recorded rollout over `n` clusters named c01…, planned with `plan` (waves `1,rest` and a budget of 2 by default). */
export function testRollout(n: number, plan: Partial<PlanInput> = {}): Rollout {
  const fleet = Array.from({ length: n }, (_, i) => facts(`c${String(i + 1).padStart(2, '0')}`));
  const planned = planRollout({
    runbook: CLUSTER_RUNBOOK,
    fleet,
    selection: '*',
    template: { cluster: '{{ cluster.id }}' },
    waves: '1,rest',
    gate: { kind: 'none' },
    maxFailures: '2',
    ...plan,
  });
  return {
    id: 'ro-20261205000000-abcdef',
    version: 1,
    title: 'T',
    runbook: { file: 'f.md', title: 'T', source: '' },
    template: { cluster: '{{ cluster.id }}' },
    selection: '*',
    plan: planned.spec,
    target: 'sim@us-east-1',
    startedBy: 'alice',
    createdAt: '2026-12-05T00:00:00.000Z',
    updatedAt: '2026-12-05T00:00:00.000Z',
    status: 'running',
    approvedWaves: [],
    clusters: planned.clusters,
    audit: [],
  };
}
