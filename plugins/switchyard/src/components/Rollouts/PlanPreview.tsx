import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { RolloutPlanResponse } from '@switchyard/backstage-plugin-switchyard-common';

/** The plan a start records, as the backend resolved it: waves, each cluster's params and where it runs, the budget, notes. */
export function PlanPreview({ plan }: { plan: RolloutPlanResponse }) {
  const { spec } = plan;
  const gate =
    spec.gate.kind === 'approval'
      ? 'each wave after the first waits for an approval'
      : spec.gate.kind === 'pause'
        ? `a pause of ${Math.round(spec.gate.seconds / 60)} min between waves`
        : 'no gate between waves';
  return (
    <Box mt={2} data-testid="rollout-plan">
      <Typography variant="subtitle1" data-testid="rollout-plan-summary">
        {plan.clusters.length} cluster(s) in {plan.waves.length} wave(s) ({plan.waves.join(', ')})
        {spec.maxConcurrency ? `, at most ${spec.maxConcurrency} at once` : ''}; {gate}; stop after {plan.budget.failures} failure(s) or{' '}
        {plan.budget.guardStops} guard stop(s)
      </Typography>
      {[...plan.notes, ...plan.warnings].map((n) => (
        <Typography key={n} variant="body2" color="textSecondary">
          Note: {n}
        </Typography>
      ))}
      <Table size="small" aria-label="Plan">
        <TableHead>
          <TableRow>
            <TableCell>Wave</TableCell>
            <TableCell>Cluster</TableCell>
            <TableCell>Account / region</TableCell>
            <TableCell>Params, as they will run</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.clusters.map((c) => (
            <TableRow key={c.arn} data-testid={`plan-cluster-${c.id}`}>
              <TableCell>{c.wave + 1}</TableCell>
              <TableCell>{c.id}</TableCell>
              <TableCell>{c.target?.replace(':', ' / ') ?? c.region}</TableCell>
              <TableCell>
                <code>
                  {Object.entries(c.params)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(' ')}
                </code>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
