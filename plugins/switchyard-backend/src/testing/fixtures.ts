/** Runbooks for tests: a run that waits, as long as the test wants, for a tag it sets through the AWS API. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AddTagsToResourceCommand, RDSClient } from '@aws-sdk/client-rds';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';

export const WAIT_FOR_GO = `---
title: Wait until the cluster is tagged go=yes
params:
  cluster: { type: rds-cluster, required: true }
locks: ["rds-cluster:{{ cluster }}"]
---

## Look at the cluster {#look}

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - that: cluster.status == "available"
\`\`\`

## Wait for the go tag {#wait_go}

\`\`\`wait
observe:
  cluster: { cluster: "{{ cluster }}" }
until: '"go" in cluster.tags && cluster.tags["go"] == "yes"'
timeout: 30m
interval: 5s
\`\`\`
`;

/** A directory holding wait-for-go.md. */
export function testRunbookDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-test-runbooks-'));
  writeFileSync(path.join(dir, 'wait-for-go.md'), WAIT_FOR_GO);
  return dir;
}

/** Tags the simulated cluster go=yes through the real RDS API: the waiting run may finish. */
export async function tagGo(endpoint: string, arn: string): Promise<void> {
  const rds = new RDSClient({
    region: 'us-east-1',
    endpoint,
    credentials: SIMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    await rds.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: 'go', Value: 'yes' }] }));
  } finally {
    rds.destroy();
  }
}
