/**
 * "Waiting for your approval" as a Backstage notification (@backstage/plugin-notifications-node),
 * sent when a run starts waiting for an approval: to the approvers the step names (`approvers:`,
 * read as catalog refs), else to the database entity, whose owners the notifications backend
 * resolves; never to the person who started the run when four eyes are required. The in-app
 * banner (pending-approvals.ts) remains the source of truth: a notification is a nudge.
 *
 * The NotificationService posts to the notifications backend; where that backend is not installed
 * the post fails, and Switchyard says so once in its log and otherwise carries on quietly.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Run, RunEvent } from '@switchyard/core';
import { approverRef } from './backstage-actor';
import { pendingApprovalOf } from './pending-approvals';

export interface ApprovalNotifierOptions {
  notifications: NotificationService;
  logger: LoggerService;
}

/** Where the approver answers: the database's entity page with the run open first (`?run=`). */
export function approvalLink(entityRef: string, runId: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind.toLowerCase())}/${encodeURIComponent(name)}?run=${encodeURIComponent(runId)}`;
}

export class ApprovalNotifier {
  private unavailable = false;

  constructor(private readonly options: ApprovalNotifierOptions) {}

  /** A RunListener: subscribe it to the runs service. */
  readonly listener = (event: RunEvent, run: Run): void => {
    if (event.type !== 'approval') return;
    void this.notify(event, run);
  };

  /** Sends one notification for the approval `event` asks for; resolves whether it was sent. */
  async notify(event: Extract<RunEvent, { type: 'approval' }>, run: Run): Promise<boolean> {
    const pending = pendingApprovalOf(run);
    if (!pending || !run.entityRef) return false;
    const named = event.request.approvers.map(approverRef).filter((r): r is string => r !== undefined);
    // An approvers list that names nobody readable admits nobody: no one to notify (the banner says who may answer).
    if (event.request.approvers.length > 0 && named.length === 0) return false;
    const recipients = named.length > 0 ? named : [run.entityRef];
    try {
      await this.options.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          ...(event.request.fourEyes ? { excludeEntityRef: run.startedBy } : {}),
        },
        payload: {
          title: `Waiting for your approval: ${pending.title} on ${pending.database}`,
          description: `${pending.message} (step "${pending.stepName}", started by ${run.startedBy.replace(/^user:(default\/)?/, '')})`,
          link: approvalLink(run.entityRef, run.id),
          severity: 'high',
          topic: 'switchyard-approval',
          // One notification per approval: a resumed run asking again updates it rather than adding another.
          scope: `switchyard:approval:${run.id}:${event.stepId}`,
        },
      });
      return true;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (!this.unavailable) {
        this.unavailable = true;
        this.options.logger.info('Switchyard could not send an approval notification; is the notifications backend installed?', {
          runId: run.id,
          error: detail,
        });
      } else {
        this.options.logger.debug('Switchyard approval notification not sent', { runId: run.id, error: detail });
      }
      return false;
    }
  }
}
