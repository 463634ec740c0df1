import Box from '@material-ui/core/Box';
import { formatDuration, formatPercent, formatUsd } from '@switchyard/ui';
import type { CostReport, SwitchoverHistory } from '@switchyard/backstage-plugin-switchyard-common';
import { partialLabel } from '@switchyard/core/model';
import type { FleetRow } from './fleet-rows';
import { Figure } from '../Figure';

/**
 * The fleet in a line: databases, what is running, what parallel environments cost, how switchovers
 * go — success of those attempted, runs a guard stopped apart, write downtime, approval wait apart.
 */
export function FleetSummary({ rows, cost, history }: { rows: FleetRow[]; cost?: CostReport; history?: SwitchoverHistory }) {
  const activeRuns = rows.reduce((n, r) => n + r.activeRuns, 0);
  const inFlight = rows.reduce((n, r) => n + r.blueGreen.length, 0);
  const seconds = (s: number | null) => (s === null ? 'n/a' : formatDuration(s));
  // A partial report's totals lack figures CloudWatch did not give: a lower bound, said as one.
  const partial = partialLabel(cost?.missing);
  const atLeast = (usd: string) => (partial ? `≥ ${usd}` : usd);
  return (
    <Box display="flex" flexWrap="wrap" aria-label="Fleet summary">
      <Figure label="Databases" value={String(rows.length)} testId="fleet-databases" />
      <Figure label="Active runs" value={String(activeRuns)} testId="fleet-active-runs" />
      <Figure label="Blue/Green in flight" value={String(inFlight)} testId="fleet-blue-green" />
      <Figure
        label="Parallel environments, so far"
        value={cost ? atLeast(formatUsd(cost.fleet.costSoFar)) : '…'}
        testId="fleet-cost-total"
        note={partial}
      />
      <Figure label="Burn per day" value={cost ? atLeast(`${formatUsd(cost.fleet.burnPerDay)}/day`) : '…'} testId="fleet-cost-burn" />
      <Figure label="Switchovers" value={history ? String(history.count) : '…'} testId="fleet-switchovers" />
      <Figure label="Success rate" value={history ? formatPercent(history.successRate) : '…'} testId="fleet-success-rate" />
      <Figure label="Stopped by a guard" value={history ? String(history.stoppedByGuard) : '…'} testId="fleet-stopped-by-guard" />
      <Figure
        label="Writes unavailable p50 / p95"
        value={history ? `${seconds(history.p50Seconds)} / ${seconds(history.p95Seconds)}` : '…'}
        testId="fleet-p50-p95"
      />
      <Figure label="Approval wait p50" value={history ? seconds(history.approvalWaitP50Seconds) : '…'} testId="fleet-approval-wait" />
    </Box>
  );
}
