import { InfoCard } from '@backstage/core-components';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { runSubject } from '@switchyard/core/model';
import { formatDuration, Time } from '@switchyard/ui';
import type { RunSummary } from '@switchyard/backstage-plugin-switchyard-common';
import { CardSkeleton } from '../CardSkeleton';
import { ErrorNotice } from '../ErrorNotice';

function seconds(run: RunSummary): number | null {
  return run.endedAt ? (Date.parse(run.endedAt) - Date.parse(run.createdAt)) / 1000 : null;
}

/** This database's runs, newest first; choosing one opens it live. */
export function RunHistoryCard({
  runs,
  error,
  onOpen,
}: {
  runs: RunSummary[] | undefined;
  error: Error | undefined;
  onOpen(id: string): void;
}) {
  return (
    <InfoCard title="Runs">
      {error && <ErrorNotice error={error} title="Could not list the runs" />}
      {!runs && !error && <CardSkeleton lines={4} label="Loading the runs" testId="runs-skeleton" />}
      {runs && runs.length === 0 && <Typography variant="body2">No runs on this database yet.</Typography>}
      {runs && runs.length > 0 && (
        <Table size="small" aria-label="Runs" data-testid="run-history">
          <TableHead>
            <TableRow>
              <TableCell>Runbook</TableCell>
              <TableCell>Status</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>Started by</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Duration</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {runs.map((r) => {
              const s = seconds(r);
              return (
                <TableRow key={r.id} data-testid={`run-row-${r.id}`} data-status={r.status}>
                  <TableCell>
                    <Link component="button" variant="body2" onClick={() => onOpen(r.id)} style={{ textAlign: 'left' }}>
                      {runSubject(r) ? `${runSubject(r)} · ${r.title}` : r.title}
                    </Link>
                    {r.dryRun && ' (dry run)'}
                  </TableCell>
                  {/* Status words never break mid-word ("succee/ded"); the step after them may wrap. */}
                  <TableCell style={{ wordBreak: 'normal', overflowWrap: 'normal' }}>
                    <span style={{ whiteSpace: 'nowrap' }}>{r.status}</span>
                    {r.currentStep && !r.endedAt ? ` · ${r.currentStep}` : ''}
                  </TableCell>
                  <TableCell>{r.startedBy.replace(/^user:(default\/)?/, '')}</TableCell>
                  <TableCell>
                    <Time iso={r.createdAt} />
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{s === null ? '—' : formatDuration(s)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
