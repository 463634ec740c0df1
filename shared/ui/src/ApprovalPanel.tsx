/** The approval a step waits for: what is asked, who may answer, and Approve / Reject when this user may. */
import type { ApprovalRequest } from '@switchyard/core';
import { formatTime } from './format';

export interface ApprovalPanelProps {
  stepName: string;
  approval: ApprovalRequest;
  startedBy: string;
  canAnswer: boolean;
  /** Why this user is not offered the buttons (four eyes, no permission). */
  blocked?: string;
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
}

export function ApprovalPanel({ stepName, approval, startedBy, canAnswer, blocked, busy, onApprove, onReject }: ApprovalPanelProps) {
  return (
    <section className="sy-approval" aria-label={`Approval requested for ${stepName}`} data-testid="approval">
      <h4 className="sy-approval__title">{approval.kind === 'confirm' ? 'Confirmation' : 'Approval'} needed</h4>
      <p className="sy-approval__message">{approval.message}</p>
      <p className="sy-muted">
        requested {formatTime(approval.requestedAt)}
        {approval.fourEyes && ` · four eyes: someone other than ${startedBy} must approve`}
        {approval.approvers.length > 0 && ` · approvers: ${approval.approvers.join(', ')}`}
      </p>
      {blocked && (
        <p className="sy-approval__blocked" role="note">
          {blocked}
        </p>
      )}
      {canAnswer && (
        <div className="sy-actions">
          <button type="button" className="sy-button sy-button--primary" disabled={busy} onClick={onApprove}>
            Approve
          </button>
          <button type="button" className="sy-button sy-button--danger" disabled={busy} onClick={onReject}>
            Reject
          </button>
        </div>
      )}
    </section>
  );
}
