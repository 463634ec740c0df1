import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { RunbookParamsForm, type ParamValues, type SubmitOptions } from '@switchyard/ui';
import type { Run, RunbookSummary, Topology } from '@switchyard/backstage-plugin-switchyard-common';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { SyScope } from '../SyScope';

export interface StartRunDialogProps {
  runbook: RunbookSummary | undefined;
  entityRef: string;
  topology: Topology | undefined;
  onClose(): void;
  onStarted(run: Run): void;
}

/** The params form of one runbook (pickers filled from the live topology); submitting starts the run. */
export function StartRunDialog({ runbook, entityRef, topology, onClose, onStarted }: StartRunDialogProps) {
  const api = useApi(switchyardApiRef);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const submit = (params: ParamValues, options: SubmitOptions) => {
    if (!runbook) return;
    setSubmitting(true);
    setError(undefined);
    api.createRun({ runbook: runbook.id, entityRef, params, dryRun: options.dryRun }).then(
      (run) => {
        setSubmitting(false);
        onStarted(run);
      },
      (e: Error) => {
        setSubmitting(false);
        setError(e.message);
      },
    );
  };

  return (
    <Dialog open={!!runbook} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="switchyard-start-run-title">
      <DialogTitle id="switchyard-start-run-title">{runbook?.title}</DialogTitle>
      <DialogContent>
        {runbook && (
          <SyScope>
            <RunbookParamsForm
              key={runbook.id}
              runbook={runbook}
              topology={topology ?? null}
              onSubmit={submit}
              submitting={submitting}
              allowDryRun={runbook.mutating}
              error={error}
            />
          </SyScope>
        )}
      </DialogContent>
    </Dialog>
  );
}
