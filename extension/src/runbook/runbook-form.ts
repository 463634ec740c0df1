import {
  isRunbookOffered,
  pageShapeOf,
  paramFacts,
  paramUnavailable,
  runbookAppliesTo,
  runbookNeedsWriter,
  runbookStages,
  type Runbook,
} from '@switchyard/core';
import type { RunbookForForm } from '@switchyard/ui';

/**
 * The SQL connections the extension configures: none (its engine runs without `sql`), so a param
 * only data guards read is not asked for (core paramFacts / paramUnavailable).
 */
const CONNECTIONS: readonly string[] = [];

/** A parsed runbook as the shared params form takes it; `id` is the file's path. */
export function runbookForForm(id: string, runbook: Runbook, connections: readonly string[] = CONNECTIONS): RunbookForForm {
  const facts = paramFacts(runbook);
  return {
    id,
    title: runbook.meta.title,
    description: runbook.meta.description,
    mutating: runbook.steps.some((s) => s.mutating) || runbook.rollback.some((s) => s.mutating),
    appliesTo: runbookAppliesTo(runbook.params),
    stages: runbookStages(runbook.meta.tags),
    ...(runbookNeedsWriter(runbook.meta.tags) ? { needsWriter: true } : {}),
    params: runbook.params.map((p) => {
      const f = facts.get(p.name);
      const unavailable = f ? paramUnavailable(f, connections) : undefined;
      return {
        name: p.name,
        type: p.type,
        description: p.description,
        required: p.required,
        default: p.default,
        of: p.of,
        choices: p.enum,
        secret: p.secret,
        ...(f?.promotes ? { promotes: true } : {}),
        ...(f?.needsConnections ? { needsConnections: f.needsConnections } : {}),
        ...(unavailable ? { unavailable } : {}),
      };
    }),
  };
}

/** The runbooks a cluster's page offers (core isRunbookOffered); all of them while its topology is unknown. */
export function offeredRunbooks<R extends RunbookForForm>(runbooks: readonly R[], topology: Parameters<typeof pageShapeOf>[0]): R[] {
  if (!topology) return [...runbooks];
  const page = pageShapeOf(topology);
  return runbooks.filter((r) => isRunbookOffered({ appliesTo: r.appliesTo ?? [], stages: r.stages, needsWriter: r.needsWriter }, page));
}

/** The param the panel's cluster fills in: the first `rds-cluster` param. */
export function clusterParam(runbook: Runbook): string | undefined {
  return runbook.params.find((p) => p.type === 'rds-cluster')?.name;
}
