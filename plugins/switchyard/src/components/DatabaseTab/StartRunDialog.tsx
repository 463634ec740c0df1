import { useMemo, useState, type FormEvent } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import { initialParamValues, paramLabel, toSubmitted, validateParams, type ParamValues, type RunbookParam } from '@switchyard/ui';
import type { Run, RunbookSummary, Topology } from '@switchyard/backstage-plugin-switchyard-common';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { RunParamField } from './RunParamField';

export interface StartRunDialogProps {
  runbook: RunbookSummary | undefined;
  entityRef: string;
  topology: Topology | undefined;
  onClose(): void;
  onStarted(run: Run): void;
}

/** Account and region of the cluster, from its ARN (`arn:aws:rds:<region>:<account>:cluster:<id>`). */
export function whereItRuns(topology: Topology | undefined): { account?: string; region?: string } {
  if (!topology) return {};
  const [, , , region, account] = topology.cluster.arn.split(':');
  return { account: account || undefined, region: topology.cluster.region || region || undefined };
}

/**
 * Starting a runbook: what it will do (its impact, the account and region it acts in), then its
 * params as Backstage form fields labelled by their descriptions, with only the choices that can
 * apply; Cancel and Start. Params that only data guards read are not asked for when their
 * connections are not configured (the backend marks them `unavailable`).
 */
export function StartRunDialog({ runbook, entityRef, topology, onClose, onStarted }: StartRunDialogProps) {
  return (
    <Dialog open={!!runbook} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="switchyard-start-run-title">
      {runbook && (
        <StartRunForm
          key={runbook.id}
          runbook={runbook}
          entityRef={entityRef}
          topology={topology}
          onClose={onClose}
          onStarted={onStarted}
        />
      )}
    </Dialog>
  );
}

function StartRunForm({ runbook, entityRef, topology, onClose, onStarted }: StartRunDialogProps & { runbook: RunbookSummary }) {
  const api = useApi(switchyardApiRef);
  const shown = useMemo(() => runbook.params.filter((p) => !p.unavailable), [runbook]);
  const hidden = runbook.params.filter((p) => p.unavailable);
  const [values, setValues] = useState<ParamValues>(() => initialParamValues(runbook.params, { topology: topology ?? null }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dryRun, setDryRun] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const { account, region } = whereItRuns(topology);
  const changing = runbook.steps.filter((s) => s.mutating);

  const change = (param: RunbookParam, value: string | boolean) => {
    setValues((prev) => {
      const next = { ...prev, [param.name]: value };
      // A new cluster invalidates an instance chosen among the old one's members.
      for (const p of runbook.params) if (p.type === 'rds-instance' && p.of === param.name && prev[param.name] !== value) next[p.name] = '';
      return next;
    });
    setErrors(({ [param.name]: _dropped, ...rest }) => rest);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateParams(shown, values, (p) => paramLabel(p).label);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    setError(undefined);
    api.createRun({ runbook: runbook.id, entityRef, params: toSubmitted(shown, values), dryRun }).then(
      (run) => {
        setSubmitting(false);
        onStarted(run);
      },
      (err: Error) => {
        setSubmitting(false);
        setError(err.message);
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Start ${runbook.title}`}>
      <DialogTitle id="switchyard-start-run-title">{runbook.title}</DialogTitle>
      <DialogContent dividers>
        {runbook.description && (
          <Typography variant="body2" paragraph>
            {runbook.description}
          </Typography>
        )}
        <Box
          role="note"
          data-testid="start-run-impact"
          mb={2}
          p={1.5}
          borderLeft={4}
          borderColor={runbook.mutating ? 'warning.main' : 'info.main'}
          bgcolor="background.default"
        >
          <strong>{runbook.mutating ? 'Changes AWS' : 'Read-only'}</strong>
          {runbook.mutating && changing.length > 0 && <> in {changing.map((s) => s.name).join('; ')}</>}
          {'. '}
          <span data-testid="start-run-where">
            Account <strong>{account ?? 'unknown'}</strong>, region <strong>{region ?? 'unknown'}</strong>
            {topology ? <> · cluster {topology.cluster.id}</> : null}
          </span>
        </Box>
        {shown.length === 0 && hidden.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            This runbook takes no parameters.
          </Typography>
        )}
        {shown.map((p) => (
          <RunParamField
            key={p.name}
            param={p}
            runbookId={runbook.id}
            value={values[p.name] ?? ''}
            values={values}
            topology={topology}
            error={errors[p.name]}
            onChange={(v) => change(p, v)}
          />
        ))}
        {hidden.length > 0 && (
          <Typography variant="body2" color="textSecondary" data-testid="start-run-hidden" style={{ marginTop: 8 }}>
            Not asked: {hidden.map((p) => paramLabel(p).label.toLowerCase()).join('; ')} — {hidden[0].unavailable}, so those checks are
            skipped.
          </Typography>
        )}
        {runbook.mutating && (
          <FormControlLabel
            control={<Checkbox color="primary" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />}
            label="Dry run: preview the calls that change AWS, send none"
          />
        )}
        {error && (
          <Typography color="error" role="alert" variant="body2">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" color="primary" disabled={submitting}>
          {submitting ? 'Starting…' : dryRun ? 'Start dry run' : 'Start run'}
        </Button>
      </DialogActions>
    </form>
  );
}
