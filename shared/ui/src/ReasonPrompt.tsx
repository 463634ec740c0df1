/** An inline "why?" box for actions that need a reason (Skip, Reject): no window.prompt in a webview. */
import { useState, type FormEvent } from 'react';

export interface ReasonPromptProps {
  /** The action's verb as the confirm button shows it, e.g. `Skip step`. */
  confirmLabel: string;
  /** Field label, e.g. `Why skip "Fail over"?` */
  label: string;
  /** Message when the reason is empty. */
  requiredMessage: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  disabled?: boolean;
}

export function ReasonPrompt({ confirmLabel, label, requiredMessage, onConfirm, onCancel, disabled }: ReasonPromptProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(requiredMessage);
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <form className="sy-reason" noValidate onSubmit={submit}>
      <label className="sy-field__label">
        {label}
        <input
          className="sy-input"
          type="text"
          autoFocus
          value={reason}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
        />
      </label>
      {error && (
        <div className="sy-field__error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" className="sy-button sy-button--primary" disabled={disabled}>
        {confirmLabel}
      </button>
      <button type="button" className="sy-button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
