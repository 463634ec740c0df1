/** Runbook sources used by the engine tests (the language itself is tested under runbook/). */
export const FAILOVER_RUNBOOK = `---
title: Test failover
params:
  cluster: { type: rds-cluster, required: true, description: The cluster }
  target: { type: string, required: false, default: "", description: Reader to promote }
locks:
  - "rds-cluster:{{ cluster }}"
---
# Test failover

## Capture the writer {#before}

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - that: cluster.status == "available"
    message: cluster must be available
output:
  writer: cluster.writer
  target: 'target != "" ? target : cluster.failoverTarget'
\`\`\`

## Approve the failover {#approval}

\`\`\`approve
message: Fail over {{ cluster }} to {{ steps.before.output.target }}
four-eyes: true
\`\`\`

## Fail over {#failover}

\`\`\`aws
aws rds failover-db-cluster --db-cluster-identifier {{ cluster }} --target-db-instance-identifier {{ steps.before.output.target }}
\`\`\`

\`\`\`aws rollback
aws rds failover-db-cluster --db-cluster-identifier {{ cluster }} --target-db-instance-identifier {{ steps.before.output.writer }}
\`\`\`

## Wait for the new writer {#wait_writer}

\`\`\`wait
observe:
  cluster: { cluster: "{{ cluster }}" }
until: cluster.status == "available" && cluster.writer == steps.before.output.target
timeout: 5m
interval: 1s
\`\`\`
`;

export const MANUAL_RUNBOOK = `---
title: Manual only
---
# Manual only

## Tell the team

Post in #incidents that a failover is coming.
`;
