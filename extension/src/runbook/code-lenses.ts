import type { Runbook } from '@switchyard/core';

export type RunbookLens = { kind: 'run'; line: number } | { kind: 'from'; line: number; stepId: string; stepName: string };

/** "Run runbook" on the first line, "Run from here" on each forward `##` step (0-based lines). */
export function runbookLenses(runbook: Runbook | undefined): RunbookLens[] {
  if (!runbook) return [];
  return [
    { kind: 'run', line: 0 },
    ...runbook.steps.map((step) => ({ kind: 'from' as const, line: step.pos.line - 1, stepId: step.id, stepName: step.name })),
  ];
}
