/**
 * The runs waiting for an approval the signed-in user may give: the approver's "waiting for your
 * approval" banner (entity page, fleet page) and the notification sent when a run starts waiting.
 * Admitted means all three: they may read the run's database, they hold the approve permission on
 * it, and the step's approval rule (four eyes, `approvers:`) lets them answer.
 */
import type { BackstageCredentials, BackstageUserPrincipal, PermissionsService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { switchyardRunApprovePermission, type PendingApproval } from '@switchyard/backstage-plugin-switchyard-common';
import { approvalRefusal, currentStep, runDatabase, type Actor, type Run } from '@switchyard/core';
import { readableRun } from './run-access';
import type { RunsService } from './runs-service';

/** The approval a run waits for, as the banner and the notification show it; undefined when it waits for none. */
export function pendingApprovalOf(run: Run): PendingApproval | undefined {
  const step = currentStep(run);
  if (run.status !== 'waiting-approval' || !step?.approval || !run.entityRef) return undefined;
  return {
    runId: run.id,
    title: run.runbook.title,
    entityRef: run.entityRef,
    database: runDatabase(run) ?? run.entityRef,
    stepName: step.name,
    message: step.approval.message,
    requestedAt: step.approval.requestedAt,
    startedBy: run.startedBy,
  };
}

export async function pendingApprovalsFor(
  deps: { runs: Pick<RunsService, 'list' | 'get'>; catalog: CatalogService; permissions: PermissionsService },
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  actor: Actor,
  entityRef?: string,
): Promise<PendingApproval[]> {
  const waiting = (await deps.runs.list(['waiting-approval'])).filter((r) => r.entityRef && (!entityRef || r.entityRef === entityRef));
  const runs: Run[] = [];
  for (const summary of waiting) {
    // A run whose database this user may not read is, for them, not there (readableRun says 404).
    const run = await readableRun(deps.runs, deps.catalog, summary.id, credentials).catch(() => undefined);
    if (run && !approvalRefusal(run, actor)) runs.push(run);
  }
  if (!runs.length) return [];
  const decisions = await deps.permissions.authorize(
    runs.map((run) => ({ permission: switchyardRunApprovePermission, resourceRef: run.entityRef! })),
    { credentials },
  );
  return runs
    .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
    .map(pendingApprovalOf)
    .filter((p): p is PendingApproval => p !== undefined)
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}
