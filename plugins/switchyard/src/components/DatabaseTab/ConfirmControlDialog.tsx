import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { reasonProblem, type ConfirmRequest } from '@switchyard/ui';

/**
 * What a confirmation shows: a run control's effect (core controlEffect) or a rollout control's
 * (core rolloutControlEffects), both in the core's words.
 */
export interface ConfirmEffect {
  action: string;
  title: string;
  effects: string[];
  confirmLabel: string;
  reasonRequired: boolean;
  /** What the action is done to, for the "reason required" message (`a step`, `a cluster`). */
  subject?: string;
}

/**
 * Abort, Roll back, Skip and Reject — and a rollout's controls — confirmed in a Backstage (MUI)
 * dialog: the effect in the words of the core, and a reason that goes to the audit trail.
 */
export function ConfirmControlDialog({ effect, busy, onConfirm, onCancel }: Omit<ConfirmRequest, 'effect'> & { effect: ConfirmEffect }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const titleId = `switchyard-confirm-${effect.action}`;
  const confirm = () => {
    const problem = reasonProblem(effect, reason);
    if (problem) return setError(problem);
    onConfirm(reason.trim() || undefined);
  };
  return (
    <Dialog open onClose={onCancel} maxWidth="sm" fullWidth aria-labelledby={titleId} data-testid="confirm-control">
      <DialogTitle id={titleId}>{effect.title}</DialogTitle>
      <DialogContent>
        {effect.effects.map((fact) => (
          <DialogContentText key={fact}>{fact}</DialogContentText>
        ))}
        <TextField
          id={`${titleId}-reason`}
          label={effect.reasonRequired ? 'Reason (required)' : 'Reason (optional)'}
          helperText={error ?? 'Kept in the audit trail with your name'}
          error={!!error}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(undefined);
          }}
          required={effect.reasonRequired}
          autoFocus
          fullWidth
          multiline
          minRows={2}
          variant="outlined"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button onClick={confirm} disabled={busy} variant="contained" color="secondary">
          {effect.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
