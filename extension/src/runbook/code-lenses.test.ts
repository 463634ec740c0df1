import { parseRunbook } from '@switchyard/core';
import { shippedRunbook } from '../testing/runbooks';
import { runbookLenses } from './code-lenses';

describe('runbookLenses', () => {
  it('puts "Run runbook" on the first line and "Run from here" on each forward step heading', () => {
    const source = shippedRunbook('failover.md');
    const lines = source.split('\n');
    const lenses = runbookLenses(parseRunbook('failover.md', source).runbook);
    expect(lenses[0]).toEqual({ kind: 'run', line: 0 });
    const steps = lenses.slice(1);
    expect(steps.map((l) => (l.kind === 'from' ? l.stepId : ''))).toEqual(['before', 'approval', 'failover', 'new_writer', 'verify']);
    for (const lens of steps) expect(lines[lens.line]).toMatch(/^## /);
  });

  it('offers nothing for a document that is not a runbook', () => {
    expect(runbookLenses(undefined)).toEqual([]);
  });
});
