/**
 * The confirmation of a destructive control (Abort, Roll back, Skip, Reject): what it does to this
 * database, an optional reason (required to skip or reject) that goes to the audit trail, Confirm and
 * Cancel. RunView renders this host-neutral form unless the host supplies its own (`renderConfirm`:
 * the Backstage plugin shows it in an MUI dialog), so both front ends ask with the same words.
 */
import { useState, type FormEvent } from 'react';
import type { ControlEffect } from '@switchyard/core/model';

export interface ConfirmRequest {
  effect: ControlEffect;
  busy: boolean;
  /** The reason typed (trimmed; undefined when empty and optional). */
  onConfirm: (reason: string | undefined) => void;
  onCancel: () => void;
}

/** The reason check both the shared form and a host's own dialog apply. */
export function reasonProblem(
  effect: Pick<ControlEffect, 'reasonRequired'> & { action: string; subject?: string },
  reason: string,
): string | undefined {
  if (effect.reasonRequired && !reason.trim())
    return `A reason is required to ${effect.action} ${effect.subject ?? 'a step'}; it is kept in the audit trail`;
  return undefined;
}

export function ConfirmControl({ effect, busy, onConfirm, onCancel }: ConfirmRequest) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = reasonProblem(effect, reason);
    if (problem) return setError(problem);
    onConfirm(reason.trim() || undefined);
  };
  const titleId = `sy-confirm-${effect.action}`;
  return (
    <form
      className="sy-confirm"
      role="dialog"
      aria-labelledby={titleId}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      data-testid="confirm-control"
    >
      <h4 className="sy-confirm__title" id={titleId}>
        {effect.title}
      </h4>
      <ul className="sy-confirm__effects">
        {effect.effects.map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
      </ul>
      <label className="sy-field__label">
        {effect.reasonRequired ? 'Reason (required, kept in the audit trail)' : 'Reason (optional, kept in the audit trail)'}
        <textarea
          className="sy-input sy-confirm__reason"
          rows={2}
          autoFocus
          value={reason}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setError(undefined);
          }}
        />
      </label>
      {error && (
        <div className="sy-field__error" role="alert">
          {error}
        </div>
      )}
      <div className="sy-actions">
        <button type="submit" className="sy-button sy-button--danger" disabled={busy}>
          {effect.confirmLabel}
        </button>
        <button type="button" className="sy-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
