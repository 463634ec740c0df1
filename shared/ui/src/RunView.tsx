/**
 * A run as the operator follows it: status, steps with live durations and collapsible logs, the
 * approval it waits for, the controls this user may use, and the audit trail. It renders a `Run`
 * snapshot and reports the user's choices through `onAction`; the host sends them and feeds back
 * the next snapshot (Backstage: the REST API and its event stream; VS Code: the engine in-process).
 */
import { useState, type ReactNode } from 'react';
import {
  allowedControls,
  CONTROL_RULES,
  controlEffect,
  currentStep,
  isDestructive,
  type DestructiveAction,
  isEnded,
  parseRunControl,
  type Run,
  type RunAction,
  type RunControl,
} from '@switchyard/core/model';
import type { RunPermissions } from './api-types';
import { ApprovalPanel } from './ApprovalPanel';
import { AuditTrail } from './AuditTrail';
import { formatDuration, formatTime } from './format';
import { ConfirmControl, type ConfirmRequest } from './ConfirmControl';
import { sendControl } from './send-control';
import { StepItem, stepIsLive } from './StepItem';
import { statusTone } from './status-tone';
import { useNow } from './use-now';

export interface RunViewProps {
  run: Run;
  /** Undefined while the host is still reading them: no controls are offered, and nobody is told they may not. */
  permissions: RunPermissions | undefined;
  /** The user's choice; a returned promise keeps the buttons disabled until it settles, and a rejection is shown. */
  onAction: (control: RunControl) => void | Promise<unknown>;
  /** Epoch ms for live durations; when absent the view ticks every second while a step is live. */
  now?: number;
  /**
   * The host's own confirmation dialog for Abort, Roll back, Skip and Reject (Backstage: an MUI
   * dialog); without it the view asks inline with the same words (ConfirmControl).
   */
  renderConfirm?: (request: ConfirmRequest) => ReactNode;
  /**
   * The host asks itself, natively (VS Code: a modal stating the effect, then an input box for the
   * reason), and sends the control once the user confirms: the view then shows no confirmation of
   * its own for Abort, Roll back, Skip and Reject, so one click is confirmed once, not twice. A
   * returned promise keeps the buttons disabled until it settles; a rejection is shown.
   */
  confirmInHost?: (action: DestructiveAction) => void | Promise<unknown>;
  /** Set when the host cannot send controls now (its backend is unreachable): every control is disabled, with this reason. */
  unavailable?: string;
}

/** The viewer as the model's rules see them: the host's permissions on this database. */
export function viewerOf(permissions: RunPermissions | undefined) {
  if (!permissions) return { name: '', mayApprove: false, mayControl: false };
  return { name: permissions.user, mayApprove: permissions.approve, mayControl: permissions.control };
}

export function RunView({ run, permissions, onAction, now: givenNow, renderConfirm, confirmInHost, unavailable }: RunViewProps) {
  const [confirming, setConfirming] = useState<DestructiveAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const allSteps = [...run.steps, ...run.rollbackSteps];
  const now = useNow(givenNow, allSteps.some(stepIsLive));
  const step = currentStep(run);
  const allowed = allowedControls(run, viewerOf(permissions));
  const { actions } = allowed;
  const approvalBlocked = permissions ? allowed.approvalBlocked : undefined;
  const ended = isEnded(run.status);
  // A step's failure is the run's error too: it is said once, at the step, and the header points there.
  const failedStep = run.error ? allSteps.find((s) => s.status === 'failed' && s.error === run.error) : undefined;

  /** Runs what the user chose; a promise keeps the controls disabled until it settles, a failure is shown. */
  const settle = (action: RunAction, send: () => void | Promise<unknown>) => {
    setFailure(null);
    setConfirming(null);
    sendControl(CONTROL_RULES[action].label, send, { setBusy, setFailure });
  };
  const act = (action: RunAction, reason?: string) => settle(action, () => onAction(parseRunControl(action, reason)));
  /** A destructive control is confirmed once: by the host when it asks itself, else by the view's dialog. */
  const confirm = (action: DestructiveAction) => (confirmInHost ? settle(action, () => confirmInHost(action)) : setConfirming(action));

  const runSeconds = (Date.parse(run.endedAt ?? '') || (ended ? Date.parse(run.updatedAt) : now)) - Date.parse(run.createdAt);
  const controls: RunAction[] = (['retry', 'skip', 'abort', 'rollback'] as const).filter((a) => actions[a]);
  const stepName = step?.name ?? 'the current step';
  const blocked = busy || Boolean(unavailable);
  const confirmRequest = (action: RunAction): ConfirmRequest => ({
    effect: controlEffect(run, action),
    busy: blocked,
    onConfirm: (reason) => act(action, reason),
    onCancel: () => setConfirming(null),
  });

  return (
    <section className="sy sy-run" aria-label={`Run ${run.id}`} data-testid="run" data-status={run.status}>
      <header className="sy-run__header">
        <h3 className="sy-run__title">{run.runbook.title}</h3>
        <span className={`sy-status sy-tone--${statusTone(run.status)}`} data-testid="run-status">
          {run.status}
        </span>
        {/* Once the rollback has ended the status says so ("rolled-back"); a failed rollback step is still "rolling back". */}
        {run.phase === 'rollback' && !ended && <span className="sy-badge sy-badge--rollback">rolling back</span>}
        {run.dryRun && <span className="sy-badge">dry run</span>}
        <div className="sy-muted">
          {run.id} · started by {run.startedBy} at {formatTime(run.createdAt)} · {formatDuration(Math.max(0, runSeconds / 1000))}
          {run.locks.length > 0 && !ended && ` · holds ${run.locks.join(', ')}`}
        </div>
        {Object.keys(run.params).length > 0 && (
          <dl className="sy-run__params">
            {Object.entries(run.params).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        )}
        {run.error && (
          <div className="sy-run__error" role="alert">
            {failedStep ? `Step "${failedStep.name}" failed: its error is shown at the step below.` : run.error}
          </div>
        )}
      </header>

      {run.status === 'waiting-approval' && step?.approval && (
        <ApprovalPanel
          stepName={stepName}
          approval={step.approval}
          startedBy={run.startedBy}
          canAnswer={actions.approve}
          blocked={approvalBlocked}
          busy={blocked}
          onApprove={() => act('approve')}
          onReject={() => confirm('reject')}
        />
      )}

      {unavailable && (controls.length > 0 || actions.approve) && (
        <p className="sy-muted" role="note" data-testid="controls-unavailable">
          {unavailable}
        </p>
      )}
      {controls.length > 0 && (
        <div className="sy-actions" role="toolbar" aria-label="Run controls">
          {controls.map((a) => (
            <button
              key={a}
              type="button"
              className={`sy-button${a === 'abort' || a === 'rollback' ? ' sy-button--danger' : ''}`}
              disabled={blocked}
              title={unavailable ?? controlEffect(run, a).effects.join(' ')}
              onClick={() => (isDestructive(a) ? confirm(a) : act(a))}
            >
              {CONTROL_RULES[a].label}
            </button>
          ))}
        </div>
      )}

      {/* A control the run no longer allows (it moved on while the user read) is not confirmed. */}
      {confirming &&
        actions[confirming] &&
        (renderConfirm ? renderConfirm(confirmRequest(confirming)) : <ConfirmControl key={confirming} {...confirmRequest(confirming)} />)}

      {failure && (
        <div className="sy-run__error" role="alert">
          {failure}
        </div>
      )}

      <ol className="sy-steps" aria-label="Steps">
        {run.steps.map((s, i) => (
          <StepItem key={s.id} step={s} now={now} current={run.phase === 'forward' && i === run.current && !ended} />
        ))}
      </ol>
      {run.rollbackSteps.length > 0 && (
        <>
          <h4 className="sy-run__subtitle">Rollback</h4>
          <ol className="sy-steps" aria-label="Rollback steps">
            {run.rollbackSteps.map((s, i) => (
              <StepItem key={`rb-${s.id}-${i}`} step={s} now={now} current={run.phase === 'rollback' && i === run.current && !ended} />
            ))}
          </ol>
        </>
      )}

      <h4 className="sy-run__subtitle">Audit trail</h4>
      <AuditTrail audit={run.audit} />
    </section>
  );
}
