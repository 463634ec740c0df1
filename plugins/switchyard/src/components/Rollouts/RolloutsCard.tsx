import type { ReactNode } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Time } from '@switchyard/ui';
import type { RolloutSummary } from '@switchyard/backstage-plugin-switchyard-common';
import { rolloutRouteRef } from '../../routes';
import { ErrorNotice } from '../ErrorNotice';

/** The fleet's rollouts, newest first, each linking to its page. */
export function RolloutsCard({
  rollouts,
  error,
  action,
  onOlder,
}: {
  rollouts?: RolloutSummary[];
  error?: Error;
  action?: ReactNode;
  /** Loads the next page; absent when there is none. */
  onOlder?: () => void;
}) {
  const rolloutLink = useRouteRef(rolloutRouteRef);
  return (
    <InfoCard title="Rollouts" action={action}>
      {error && <ErrorNotice error={error} title="Could not list the rollouts" />}
      {rollouts && !rollouts.length && (
        <Typography variant="body2" color="textSecondary">
          No rollout yet: start one to run a runbook on many clusters, in waves, under a failure budget.
        </Typography>
      )}
      {rollouts && rollouts.length > 0 && (
        <Table size="small" aria-label="Rollouts">
          <TableHead>
            <TableRow>
              <TableCell>Rollout</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Clusters</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>By</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rollouts.map((r) => (
              <TableRow key={r.id} data-testid={`rollout-row-${r.id}`}>
                <TableCell>
                  <Link to={rolloutLink({ id: r.id })}>{r.title}</Link>
                </TableCell>
                <TableCell>{r.status}</TableCell>
                <TableCell>
                  {r.counts.succeeded} succeeded, {r.counts.failed} failed, {r.counts['guard-stopped']} stopped by a guard,{' '}
                  {r.counts.pending} to start · {r.waves} wave(s)
                </TableCell>
                <TableCell>
                  <Time iso={r.createdAt} />
                </TableCell>
                <TableCell>{r.startedBy}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {onOlder && (
        <Button size="small" onClick={onOlder}>
          Older rollouts
        </Button>
      )}
    </InfoCard>
  );
}
