import { useEffect, useRef } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { isEnded, type RunControl } from '@switchyard/core/model';
import { RunView } from '@switchyard/ui';
import type { EntityPermissions, Run } from '@switchyard/backstage-plugin-switchyard-common';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { useInterval } from '../../hooks/useInterval';
import { useRunStream } from '../../hooks/useRunStream';
import { ErrorNotice } from '../ErrorNotice';
import { ConfirmControlDialog } from './ConfirmControlDialog';

/** How often an unfinished run is read again besides its event stream. */
const RUN_REREAD_MS = 5000;

export interface LiveRunCardProps {
  runId: string;
  permissions: EntityPermissions | undefined;
  /** Told about every new snapshot (the tab refreshes the topology and the run list). */
  onRunChange?(run: Run): void;
  onClose(): void;
  /** Why controls cannot be sent now (the backend is unreachable); the run's controls are disabled. */
  unavailable?: string;
}

/** One run, live over server-sent events: steps with output and durations, controls, audit trail. */
export function LiveRunCard({ runId, permissions, onRunChange, onClose, unavailable }: LiveRunCardProps) {
  const api = useApi(switchyardApiRef);
  const { run, reconnecting, error, accept } = useRunStream(runId);

  // A stream can go quiet without dropping (a proxy holding the events back): while the run is not over,
  // the card also reads it every few seconds; the newer version wins, so the two never fight.
  useInterval(
    () => {
      api.getRun(runId).then(accept, () => undefined);
    },
    run && !isEnded(run.status) ? RUN_REREAD_MS : null,
  );

  // Only a new snapshot is news; the callback's identity is not.
  const onChange = useRef(onRunChange);
  onChange.current = onRunChange;
  useEffect(() => {
    if (run) onChange.current?.(run);
  }, [run]);

  // Controls stay hidden until permissions are known (never offer what the server will refuse), and
  // nobody is told they may not approve before the answer is in.
  const runPermissions = permissions && { approve: permissions.approve, control: permissions.control, user: permissions.user };

  // Opened (after Start, from a banner, from the list): the run comes into view and takes the focus.
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    card.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    card.current?.focus({ preventScroll: true });
  }, []);
  const onAction = (control: RunControl) => api.runAction(runId, control).then(accept);

  return (
    <div ref={card} tabIndex={-1} aria-label={`Run ${runId}`} data-testid="live-run-card" style={{ outline: 'none', scrollMarginTop: 16 }}>
      <InfoCard
        title="Run"
        subheader={runId}
        action={
          <Button size="small" onClick={onClose} aria-label="Close the run">
            Close
          </Button>
        }
      >
        {reconnecting && (
          <Typography variant="body2" color="textSecondary" role="status">
            {reconnecting}
          </Typography>
        )}
        {error && <ErrorNotice error={error} title="Live updates stopped" />}
        {!run && !error && <Progress />}
        {run && (
          <RunView
            run={run}
            permissions={runPermissions}
            onAction={onAction}
            renderConfirm={(req) => <ConfirmControlDialog key={req.effect.action} {...req} />}
            unavailable={
              unavailable ?? (reconnecting ? 'Controls are disabled while live updates reconnect: the run may have moved on.' : undefined)
            }
          />
        )}
      </InfoCard>
    </div>
  );
}
