import { runbookAppliesTo, runbookStages, type Runbook } from '@switchyard/core';
import type { RunbookForForm } from '@switchyard/ui';

/** A parsed runbook as the shared params form takes it; `id` is the file's path. */
export function runbookForForm(id: string, runbook: Runbook): RunbookForForm {
  return {
    id,
    title: runbook.meta.title,
    description: runbook.meta.description,
    mutating: runbook.steps.some((s) => s.mutating) || runbook.rollback.some((s) => s.mutating),
    appliesTo: runbookAppliesTo(runbook.params),
    stages: runbookStages(runbook.meta.tags),
    params: runbook.params.map((p) => ({
      name: p.name,
      type: p.type,
      description: p.description,
      required: p.required,
      default: p.default,
      of: p.of,
      choices: p.enum,
      secret: p.secret,
    })),
  };
}

/** The param the panel's cluster fills in: the first `rds-cluster` param. */
export function clusterParam(runbook: Runbook): string | undefined {
  return runbook.params.find((p) => p.type === 'rds-cluster')?.name;
}
