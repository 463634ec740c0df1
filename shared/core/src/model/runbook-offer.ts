/**
 * Which runbooks a database page offers — the one rule for the Backstage tab and the VS Code
 * panel: by the shapes the database has (any cluster, Global Database, Blue/Green) and, for
 * Blue/Green runbooks, by the stage its deployment is in (core blue-green-lifecycle.ts): the
 * switchover before the switch, rollback and cleanup in the watch window. Browser-safe.
 */
import { lifecycleStageOf, type BlueGreenLifecycleStage } from './blue-green-lifecycle';
import { globalRole, type GlobalRole } from './global-role';

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

/**
 * Whether a runbook moves the writer within the cluster (tagged `failover`): it needs a writer to
 * move, so it is not offered on a Global Database secondary, which has none until it is promoted
 * (global-role.ts; promote-global is the runbook for it).
 */
export function runbookNeedsWriter(tags: readonly string[]): boolean {
  return tags.some((t) => t.toLowerCase() === 'failover');
}

/** What a database page is: its shapes (`cluster`, `global`, `blue-green`), the stages of its deployments and its Global Database role. */
export interface PageShape {
  shapes: string[];
  stages: BlueGreenLifecycleStage[];
  /** Set when the cluster is a Global Database member whose writer is known. */
  globalRole?: GlobalRole;
}

/** The page shape of a topology (the fields it needs, so browser code can pass the API's topology). */
export function pageShapeOf(
  topology:
    | {
        global: unknown;
        blueGreen: Array<{ deployment: { status: string } }>;
        cluster?: { globalClusterId?: string | null; writer?: string | null };
      }
    | undefined,
): PageShape {
  const shapes = ['cluster'];
  if (topology?.global) shapes.push('global');
  const stages = [...new Set((topology?.blueGreen ?? []).map((p) => lifecycleStageOf(p.deployment.status)))];
  if (stages.length) shapes.push('blue-green');
  const role = topology?.cluster ? globalRole(topology.cluster) : undefined;
  return role ? { shapes, stages, globalRole: role } : { shapes, stages };
}

/**
 * Whether a runbook is offered on a page: the page has every shape its params need (a runbook
 * without any applies to any database), and, when it is a Blue/Green runbook tied to stages, a deployment of
 * the page is in one of them. One not tied to a stage is offered whenever there is a deployment.
 * A runbook that moves the writer is not offered on a Global Database secondary.
 */
export function isRunbookOffered(
  runbook: { appliesTo: readonly string[]; stages?: readonly string[]; needsWriter?: boolean },
  page: PageShape,
): boolean {
  if (runbook.needsWriter && page.globalRole === 'secondary') return false;
  // Every shape it needs: promote-global takes a Global Database and a cluster, and is no use on a cluster outside one.
  const fits = runbook.appliesTo.every((a) => page.shapes.includes(a));
  if (!fits) return false;
  if (!runbook.stages?.length || !runbook.appliesTo.includes('blue-green')) return true;
  return runbook.stages.some((s) => page.stages.includes(s as BlueGreenLifecycleStage));
}
