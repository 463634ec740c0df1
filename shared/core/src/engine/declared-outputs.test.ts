import { parseRunbook } from '../runbook';
import { declaredOutputs } from './declared-outputs';

const SOURCE = `---
title: Outputs
params:
  cluster: { type: rds-cluster, required: true, description: The cluster }
---
# Outputs

## Look {#look}

\`\`\`aws
aws rds describe-db-clusters --db-cluster-identifier {{ cluster }}
\`\`\`

\`\`\`check
expect: []
output:
  writer: '"db-0"'
  count: "2"
\`\`\`

\`\`\`aws
aws rds describe-db-clusters --query 'DBClusters[0].AvailabilityZones'
\`\`\`

\`\`\`check when: false
output:
  writer: '"never"'
\`\`\`
`;

const { runbook } = parseRunbook('outputs.md', SOURCE);
const step = (blockOutputs: unknown[]) => ({ origin: { kind: 'step' as const, index: 0 }, blockOutputs });

it('shows what output: names and a --query select, never a whole unqueried response', () => {
  const outputs = declaredOutputs(
    runbook!,
    step([{ DBClusters: [{ MasterUserPassword: 'x' }] }, { writer: 'db-0', count: 2 }, ['a', 'b'], undefined]),
  );
  expect(outputs).toEqual([
    { name: 'writer', value: 'db-0' },
    { name: 'count', value: 2 },
    { name: 'result', value: ['a', 'b'] },
  ]);
});

it('shows nothing of blocks that were skipped or have not run', () => {
  expect(declaredOutputs(runbook!, step([{}]))).toEqual([]);
  expect(declaredOutputs(runbook!, step([{}, null, null, null]))).toEqual([]);
});

it('a --query that selected nothing shows as nothing, not as an error', () => {
  expect(declaredOutputs(runbook!, step([{}, { writer: 'db-0', count: 2 }, null]))).toHaveLength(2);
});
