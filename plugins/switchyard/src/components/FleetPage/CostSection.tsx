import { useMemo } from 'react';
import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { CostOverTimeChart, formatUsd } from '@switchyard/ui';
import { missingFigureText, partialLabel } from '@switchyard/core/model';
import type { CostReport, FleetEntity } from '@switchyard/backstage-plugin-switchyard-common';
import { SortableTable, type Column } from '../table/SortableTable';
import { costByTeam } from './fleet-rows';
import { spendSeries } from './spend-series';

type MigrationRow = CostReport['rollups']['migration'][number] & { missing: number };
type TeamRow = ReturnType<typeof costByTeam>[number];

const usd = (v: number) => formatUsd(v);

const MIGRATION_COLUMNS: Array<Column<MigrationRow>> = [
  { id: 'key', title: 'Migration', value: (r) => r.key },
  { id: 'environments', title: 'Environments', value: (r) => r.environments, numeric: true },
  {
    id: 'costSoFar',
    title: 'Cost so far',
    value: (r) => r.costSoFar,
    numeric: true,
    // Never a bare figure that lacks parts: "≥ $12.00 (partial: 2 figures missing)".
    render: (r) => (r.missing ? `≥ ${usd(r.costSoFar)} (${partialLabel(r.missing)})` : usd(r.costSoFar)),
  },
  { id: 'burnPerDay', title: 'Burn per day', value: (r) => r.burnPerDay, numeric: true, render: (r) => usd(r.burnPerDay) },
  {
    id: 'projectedTotal',
    title: 'Projected to planned end',
    value: (r) => r.projectedTotal,
    numeric: true,
    render: (r) => usd(r.projectedTotal),
  },
];

const TEAM_COLUMNS: Array<Column<TeamRow>> = [
  { id: 'team', title: 'Owning team', value: (r) => r.team.replace(/^group:(default\/)?/, '') },
  { id: 'environments', title: 'Environments', value: (r) => r.environments, numeric: true },
  { id: 'costSoFar', title: 'Cost so far', value: (r) => r.costSoFar, numeric: true, render: (r) => usd(r.costSoFar) },
  { id: 'burnPerDay', title: 'Burn per day', value: (r) => r.burnPerDay, numeric: true, render: (r) => usd(r.burnPerDay) },
];

/** Parallel environments across the fleet: per migration, per owning team, findings, and spend over time. */
export function CostSection({ report, entities }: { report: CostReport; entities: FleetEntity[] }) {
  const teams = useMemo(() => costByTeam(entities, report), [entities, report]);
  const spend = useMemo(() => spendSeries(report, Date.parse(report.generatedAt) || Date.now()), [report]);
  const billedError = !Array.isArray(report.actuals) ? report.actuals.error : undefined;
  // `?? []`: a report from a backend older than `missing`.
  const missing = useMemo(() => report.missing ?? [], [report]);
  const migrations = useMemo(
    () => report.rollups.migration.map((r) => ({ ...r, missing: missing.filter((m) => m.migration === r.key).length })),
    [report, missing],
  );
  const partial = partialLabel(missing);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Cost per migration"
          subheader={`Estimate from ${report.price.source} prices of ${report.price.date}; ${report.included.join(', ')}`}
        >
          {partial && (
            <div role="alert" data-testid="cost-partial">
              <Typography variant="body2" color="error">
                {partial[0].toUpperCase() + partial.slice(1)}: the totals count them as nothing, so they are at least this much.
              </Typography>
              <List dense aria-label="Missing figures">
                {missing.map((m) => (
                  <ListItem key={`${m.figure}-${m.region}-${m.instanceId ?? m.clusterId}`}>
                    <ListItemText primary={missingFigureText(m)} secondary={`${m.reason} · ${m.migration}`} />
                  </ListItem>
                ))}
              </List>
            </div>
          )}
          <SortableTable
            rows={migrations}
            columns={MIGRATION_COLUMNS}
            rowKey={(r) => r.key}
            initialSort={{ column: 'costSoFar', direction: 'desc' }}
            pageSize={10}
            ariaLabel="Cost per migration"
            testId="cost-per-migration"
            empty="No parallel environments."
          />
          <Typography variant="caption" color="textSecondary" component="p" data-testid="projection-explained">
            Projected to planned end: the cost so far plus today&apos;s burn until each environment&apos;s planned teardown (its tag, else
            the cleanup policy); an environment with no planned end counts only what it has cost so far.
          </Typography>
          <Typography variant="caption" color="textSecondary">
            Not included: {report.excluded.join(', ')}.
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={7}>
        <InfoCard title="Cost per owning team">
          <SortableTable
            rows={teams}
            columns={TEAM_COLUMNS}
            rowKey={(r) => r.team}
            initialSort={{ column: 'costSoFar', direction: 'desc' }}
            ariaLabel="Cost per owning team"
            testId="cost-per-team"
            empty="No parallel environments."
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={5}>
        <InfoCard title="Findings">
          {report.findings.length === 0 ? (
            <Typography variant="body2">Nothing left running that should be gone, and no under-provisioned green.</Typography>
          ) : (
            <List dense aria-label="Cost findings" data-testid="cost-findings">
              {report.findings.map((f) => (
                <ListItem key={`${f.kind}-${f.clusterId}`}>
                  <ListItemText
                    primary={f.message}
                    secondary={`${f.kind} · ${f.migration}${f.wastedUsd ? ` · ${usd(f.wastedUsd)} avoidable` : ''}`}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Spend over time"
          subheader={
            spend.source === 'billed'
              ? 'Billed by Cost Explorer (the latest days are estimated)'
              : 'Estimate spread per day (no billed data yet)'
          }
        >
          <CostOverTimeChart series={spend.series} />
          {billedError && (
            <Typography variant="caption" color="textSecondary">
              Billed actuals unavailable: {billedError}
            </Typography>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
