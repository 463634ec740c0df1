/**
 * Which runbooks a database page offers — the one rule for the Backstage tab and the VS Code
 * panel: by the shapes the database has (any cluster, Global Database, Blue/Green) and, for
 * Blue/Green runbooks, by the stage its deployment is in (core blue-green-lifecycle.ts): the
 * switchover before the switch, rollback and cleanup in the watch window. Browser-safe.
 */
import { lifecycleStageOf, type BlueGreenLifecycleStage } from './blue-green-lifecycle';

/** The shape a runbook param type makes it apply to. */
const APPLIES_TO: Record<string, string> = { 'rds-cluster': 'cluster', 'global-cluster': 'global', 'blue-green-deployment': 'blue-green' };

/** The shapes a runbook applies to, by its param types (none: it applies to any database). */
export function runbookAppliesTo(params: ReadonlyArray<{ type: string }>): string[] {
  return [...new Set(params.flatMap((p) => (APPLIES_TO[p.type] ? [APPLIES_TO[p.type]] : [])))];
}

/**
 * The stages a runbook is offered in, by its front-matter tags: `switchover` before the switch,
 * `rollback` and `cleanup` in the watch window (they need the switched-over deployment). A runbook
 * with none of these tags is not tied to a stage (undefined).
 */
export function runbookStages(tags: readonly string[]): BlueGreenLifecycleStage[] | undefined {
  const has = (t: string) => tags.some((tag) => tag.toLowerCase() === t);
  const stages = new Set<BlueGreenLifecycleStage>();
  if (has('rollback') || has('cleanup')) stages.add('watch-window');
  else if (has('switchover')) stages.add('before');
  return stages.size ? [...stages] : undefined;
}

/** What a database page is: its shapes (`cluster`, `global`, `blue-green`) and the stages of its deployments. */
export interface PageShape {
  shapes: string[];
  stages: BlueGreenLifecycleStage[];
}

/** The page shape of a topology (the fields it needs, so browser code can pass the API's topology). */
export function pageShapeOf(topology: { global: unknown; blueGreen: Array<{ deployment: { status: string } }> } | undefined): PageShape {
  const shapes = ['cluster'];
  if (topology?.global) shapes.push('global');
  const stages = [...new Set((topology?.blueGreen ?? []).map((p) => lifecycleStageOf(p.deployment.status)))];
  if (stages.length) shapes.push('blue-green');
  return { shapes, stages };
}

/**
 * Whether a runbook is offered on a page: the page has one of the shapes it applies to (or it
 * applies to any database), and, when it is a Blue/Green runbook tied to stages, a deployment of
 * the page is in one of them. One not tied to a stage is offered whenever there is a deployment.
 */
export function isRunbookOffered(runbook: { appliesTo: readonly string[]; stages?: readonly string[] }, page: PageShape): boolean {
  const fits = runbook.appliesTo.length === 0 || runbook.appliesTo.some((a) => page.shapes.includes(a));
  if (!fits) return false;
  if (!runbook.stages?.length || !runbook.appliesTo.includes('blue-green')) return true;
  return runbook.stages.some((s) => page.stages.includes(s as BlueGreenLifecycleStage));
}
