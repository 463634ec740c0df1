import type { Runbook } from '@switchyard/core';

/**
 * Steps before `fromIndex` whose outputs the steps from there on use (`steps.<id>.…`): starting
 * there skips them, so those references see `null`. The editor warns before such a start.
 */
export function earlierStepReferences(runbook: Runbook, fromIndex: number): string[] {
  const earlier = new Set(runbook.steps.slice(0, fromIndex).map((s) => s.id));
  const later = [...runbook.steps.slice(fromIndex), ...runbook.rollback].flatMap((s) => [...s.blocks, ...s.rollbackBlocks]);
  const used = new Set<string>();
  for (const block of later) {
    for (const match of block.source.matchAll(/\bsteps\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
      if (earlier.has(match[1])) used.add(match[1]);
    }
  }
  return [...used];
}
