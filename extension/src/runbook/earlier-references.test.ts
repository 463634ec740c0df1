import { parseRunbook } from '@switchyard/core';
import { shippedRunbook } from '../testing/runbooks';
import { earlierStepReferences } from './earlier-references';

describe('earlierStepReferences', () => {
  const runbook = parseRunbook('failover.md', shippedRunbook('failover.md')).runbook!;
  const index = (id: string) => runbook.steps.findIndex((s) => s.id === id);

  it('names the skipped steps whose outputs later steps (and the rollback) use', () => {
    expect(earlierStepReferences(runbook, index('failover'))).toEqual(['before']);
  });

  it('is empty when starting at the top', () => {
    expect(earlierStepReferences(runbook, 0)).toEqual([]);
  });
});
