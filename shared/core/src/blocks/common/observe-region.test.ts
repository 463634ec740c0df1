import { parseRunbook } from '../../runbook/parse-runbook';
import type { CheckBlock } from '../registry';

const runbook = `---
title: Regions
params:
  cluster: { type: rds-cluster }
---
## Look at the secondary region

\`\`\`check
observe:
  lag: { metric: AuroraGlobalDBReplicationLag, dimensions: { DBClusterIdentifier: "{{ cluster }}" }, region: eu-west-1 }
  alarms: { alarms: { prefix: "{{ cluster }}" }, region: eu-west-1 }
  global: { global-cluster: g1, region: eu-west-1 }
  events: { events: { source: "{{ cluster }}" }, region: eu-west-1 }
  here: { cluster: "{{ cluster }}" }
expect:
  - lag.latest == null || lag.latest < 1000.0
\`\`\`
`;

it('every AWS observe source can name the region it reads; without one it reads the run region', () => {
  const { runbook: parsed, diagnostics } = parseRunbook('regions.md', runbook);
  expect(diagnostics).toEqual([]);
  const check = parsed!.steps[0].blocks[0] as CheckBlock;
  expect(Object.fromEntries(Object.entries(check.observe).map(([k, v]) => [k, (v as { region?: string }).region]))).toEqual({
    lag: 'eu-west-1',
    alarms: 'eu-west-1',
    global: 'eu-west-1',
    events: 'eu-west-1',
    here: undefined,
  });
});

it('rejects an unknown key beside the source kind, naming it', () => {
  const { diagnostics } = parseRunbook('regions.md', runbook.replace('region: eu-west-1 }\n  alarms', 'regoin: eu-west-1 }\n  alarms'));
  expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/regoin/);
});
