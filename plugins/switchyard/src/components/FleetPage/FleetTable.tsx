import { useMemo, useState } from 'react';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { formatUsd } from '@switchyard/ui';
import { partialLabel } from '@switchyard/core/model';
import { SortableTable, type Column } from '../table/SortableTable';
import { filterRows, type FleetRow } from './fleet-rows';

export const FLEET_PAGE_SIZE = 25;

function shortRef(ref: string): string {
  return ref.replace(/^group:(default\/)?/, '');
}

function fleetColumns(linkTo: (ref: string) => string): Array<Column<FleetRow>> {
  return [
    {
      id: 'title',
      title: 'Database',
      value: (r) => r.title,
      render: (r) => (
        <>
          <Link to={linkTo(r.entityRef)}>{r.title}</Link>
          {r.error && (
            <Typography variant="caption" color="error" display="block">
              {r.error}
            </Typography>
          )}
        </>
      ),
    },
    { id: 'owner', title: 'Owner', value: (r) => shortRef(r.owner) },
    {
      id: 'cluster',
      title: 'Cluster',
      value: (r) => r.clusterId,
      render: (r) => (
        <>
          {r.clusterId}
          <Typography variant="caption" color="textSecondary" display="block">
            {r.region}
          </Typography>
        </>
      ),
    },
    { id: 'status', title: 'Status', value: (r) => r.status },
    {
      id: 'engineVersion',
      title: 'Engine',
      value: (r) => r.engineVersion,
      render: (r) => {
        const [engine, version] = r.engineVersion.split(' ');
        return (
          <>
            {version ?? engine}
            {version && (
              <Typography variant="caption" color="textSecondary" display="block">
                {engine}
              </Typography>
            )}
          </>
        );
      },
    },
    { id: 'activeRuns', title: 'Active runs', value: (r) => r.activeRuns, numeric: true },
    {
      id: 'blueGreen',
      title: 'Blue/Green in flight',
      value: (r) => r.blueGreen.map((bg) => bg.stage).join(', '),
      render: (r) => (r.blueGreen.length === 0 ? '—' : r.blueGreen.map((bg) => `${bg.name} (${bg.stage})`).join(', ')),
    },
    {
      id: 'parallelCostUsd',
      title: 'Parallel env. cost',
      value: (r) => r.parallelCostUsd,
      numeric: true,
      nowrap: true,
      render: (r) =>
        r.parallelCostUsd > 0 || r.parallelCostMissing > 0 ? (
          <>
            {r.parallelCostMissing ? '≥ ' : ''}
            {formatUsd(r.parallelCostUsd)}
            <Typography variant="caption" color="textSecondary" display="block">
              {formatUsd(r.parallelBurnPerDayUsd)}/day
            </Typography>
            {r.parallelCostMissing > 0 && (
              <Typography variant="caption" color="error" display="block">
                {partialLabel(r.parallelCostMissing)}
              </Typography>
            )}
          </>
        ) : (
          '—'
        ),
    },
  ];
}

/** Every database entity: sortable on any column, filterable, paginated so 1,000 clusters stay fluid. */
export function FleetTable({ rows }: { rows: FleetRow[] }) {
  const entityLink = useEntityRefLink();
  const columns = useMemo(() => fleetColumns((ref) => entityLink(ref)), [entityLink]);
  const [filter, setFilter] = useState('');
  const visible = useMemo(() => filterRows(rows, filter), [rows, filter]);
  return (
    <div data-testid="fleet">
      <TextField
        label="Filter"
        placeholder="name, owner, status, engine, stage…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        size="small"
        inputProps={{ 'aria-label': 'Filter databases' }}
      />
      <Typography variant="body2" color="textSecondary" data-testid="fleet-count">
        {visible.length === rows.length ? `${rows.length} databases` : `${visible.length} of ${rows.length} databases`}
      </Typography>
      <SortableTable
        rows={visible}
        columns={columns}
        rowKey={(r) => r.entityRef}
        rowTestId={() => 'fleet-row'}
        initialSort={{ column: 'title', direction: 'asc' }}
        pageSize={FLEET_PAGE_SIZE}
        ariaLabel="Database fleet"
        testId="fleet-table"
        empty="No database matches."
      />
    </div>
  );
}
