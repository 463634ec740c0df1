import { render, screen, within } from '@testing-library/react';
import { CostSummary } from './CostSummary';
import { COST_REPORT } from './test-fixtures';

describe('CostSummary', () => {
  it('shows cost so far, burn and projection, formatted as dollars', () => {
    render(<CostSummary report={COST_REPORT} />);
    expect(screen.getByTestId('cost-so-far').textContent).toBe('$1,334.50');
    expect(screen.getByTestId('cost-burn-hour').textContent).toBe('$0.780/h');
    expect(screen.getByTestId('cost-burn-day').textContent).toBe('$18.72/day');
    // green projected to its decommission date; the old blue has no plan, so its cost so far
    expect(screen.getByTestId('cost-projected').textContent).toBe('$1,396.90');
  });

  it('lists each parallel environment with its kind, burn and projection', () => {
    render(<CostSummary report={COST_REPORT} />);
    const green = screen.getByTestId('cost-env-prod-app-green-x1');
    expect(green.textContent).toContain('green');
    expect(green.textContent).toContain('$1,234.50');
    expect(green.textContent).toContain('$0.520/h · $12.48/day');
    expect(green.textContent).toContain('$1,296.90 by 2024-05-15 (decommission tag)');
    expect(green.textContent).toContain('compute $1,200.00 · storage $30.00 (40.0 GB) · I/O $4.50');
    expect(screen.getByTestId('cost-env-orders-old').textContent).toContain('compute $100.00');
    expect(screen.getByTestId('cost-env-orders-old').textContent).not.toContain('storage $');
    expect(screen.getByTestId('cost-env-orders-old').textContent).toContain('old blue');
  });

  it('shows the findings: an old environment still alive and an under-provisioned green', () => {
    render(<CostSummary report={COST_REPORT} />);
    const items = within(screen.getByRole('list', { name: 'Cost findings' })).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-kind'))).toEqual(['old-environment-alive', 'green-under-provisioned']);
    expect(items[0].textContent).toContain('Old environment still alive');
    expect(items[0].textContent).toContain('$31.20 since it could have been deleted');
    expect(items[1].textContent).toContain('Green smaller than blue');
  });

  it('puts the billed actuals beside the estimate with Cost Explorer’s delay note', () => {
    render(<CostSummary report={COST_REPORT} />);
    const row = within(screen.getByRole('table', { name: 'Estimate and billed actuals' })).getAllByRole('row')[1];
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['pg16-upgrade', '$1,234.50', '$1,180.25 (latest days estimated)', '2024-05-10']);
    expect(screen.getByText(/Cost Explorer data lags the usage by about 24 hours/)).toBeTruthy();
  });

  it('names the price source and date and what is included and excluded', () => {
    render(<CostSummary report={COST_REPORT} />);
    expect(screen.getByText(/Prices: AWS Price List API \(2024-05-09\); bundled snapshot \(2024-04-01\)\./)).toBeTruthy();
    expect(screen.getByText('db.x2g.large is not in the Price List answer; priced from the bundled snapshot')).toBeTruthy();
    expect(screen.getByText('Included: compute (on-demand instance-hours, Serverless v2 ACU-hours).')).toBeTruthy();
    expect(screen.getByText('Not included: storage, I/O, backups.')).toBeTruthy();
  });

  it('says why billed actuals are missing', () => {
    render(<CostSummary report={{ ...COST_REPORT, actuals: { error: 'AccessDeniedException: ce:GetCostAndUsage not allowed' } }} />);
    expect(screen.getByRole('note').textContent).toBe('Billed actuals unavailable: AccessDeniedException: ce:GetCostAndUsage not allowed');
  });

  it('takes environments and findings without a report, and counts only live environments in the burn', () => {
    const [green, old] = COST_REPORT.environments;
    const deleted = { ...old, alive: false, endedAt: '2024-05-09T00:00:00.000Z' };
    const price = {
      instanceClass: 'db.x9.huge',
      region: 'us-east-1',
      usdPerHour: 0,
      unit: 'instance-hour',
      source: 'snap',
      date: '2024-04-01',
      basis: 'unknown-class',
    };
    render(<CostSummary environments={[{ ...green, prices: [price] }, deleted]} findings={[]} />);
    expect(screen.getByTestId('cost-so-far').textContent).toBe('$1,334.50');
    expect(screen.getByTestId('cost-burn-hour').textContent).toBe('$0.520/h');
    expect(screen.getByTestId('cost-env-orders-old').textContent).toContain('deleted 2024-05-09');
    expect(screen.getByText('No price known for db.x9.huge: counted as $0.00.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Cost findings' })).toBeNull();
    expect(
      screen.getByText(/^Not included: .*storage: orders-old shares its volume history with production; not attributable/),
    ).toBeTruthy();
  });

  it('says when there is nothing parallel', () => {
    render(<CostSummary environments={[]} />);
    expect(screen.getByTestId('cost-so-far').textContent).toBe('$0.00');
    expect(screen.getByText(/No parallel environments/)).toBeTruthy();
  });

  it('a partial report says how many figures are missing and which, and its totals are a lower bound, not a plain figure', () => {
    const [green, old] = COST_REPORT.environments;
    const missing = [
      {
        figure: 'io' as const,
        clusterId: green.clusterId,
        region: 'us-east-1',
        migration: green.migration,
        reason: 'throttled' as const,
        detail: 'CloudWatch throttled GetMetricData through 3 tries, each with the SDK retries (Rate exceeded); not estimated',
      },
    ];
    const partialGreen = { ...green, io: null, costSoFar: green.costSoFar - 4.5, missing };
    render(<CostSummary report={{ ...COST_REPORT, environments: [partialGreen, old], missing, partial: true }} />);
    const alert = screen.getByTestId('cost-partial');
    expect(alert.textContent).toMatch(/^Partial: 1 figure missing: the totals count them as nothing/);
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'I/O of prod-app-green-x1 (us-east-1): CloudWatch throttled GetMetricData through 3 tries, each with the SDK retries (Rate exceeded); not estimated',
    ]);
    expect(screen.getByTestId('cost-so-far').textContent).toBe('at least $1,330.00');
    expect(screen.getByTestId('cost-projected').textContent).toMatch(/^at least \$/);
    expect(screen.getByTestId('cost-env-prod-app-green-x1').textContent).toContain('storage $30.00 (40.0 GB) · I/O missing');
  });

  it('a complete report shows no partial notice; one cached before `missing` existed reads as complete', () => {
    const { missing: _m, partial: _p, ...older } = COST_REPORT;
    render(<CostSummary report={{ ...older, environments: older.environments.map(({ missing: _x, ...e }) => e) } as never} />);
    expect(screen.queryByTestId('cost-partial')).toBeNull();
    expect(screen.getByTestId('cost-so-far').textContent).toBe('$1,334.50');
  });

  it('environments without a report carry their own missing figures', () => {
    const [green] = COST_REPORT.environments;
    const missing = [
      {
        figure: 'storage' as const,
        clusterId: green.clusterId,
        region: 'us-east-1',
        migration: 'm',
        reason: 'error' as const,
        detail: 'AccessDenied',
      },
    ];
    render(<CostSummary environments={[{ ...green, storage: null, missing }]} />);
    expect(screen.getByTestId('cost-partial').textContent).toContain('Partial: 1 figure missing');
    expect(screen.getByTestId('cost-env-prod-app-green-x1').textContent).toContain('storage missing');
  });

  it("the VS Code panel's shape (environments, findings, actuals, included, excluded, missing) shows the partial notice", () => {
    const [green] = COST_REPORT.environments;
    const missing = [
      {
        figure: 'io' as const,
        clusterId: green.clusterId,
        region: 'us-east-1',
        migration: 'm',
        reason: 'throttled' as const,
        detail: 'Rate exceeded',
      },
      {
        figure: 'storage' as const,
        clusterId: green.clusterId,
        region: 'us-east-1',
        migration: 'm',
        reason: 'throttled' as const,
        detail: 'Rate exceeded',
      },
    ];
    const clusterCost = { environments: [green], findings: [], actuals: [], included: [], excluded: [], missing };
    render(<CostSummary {...clusterCost} />);
    expect(screen.getByTestId('cost-partial').textContent).toContain('Partial: 2 figures missing');
    expect(screen.getByTestId('cost-burn-day').textContent).toBe('at least $12.48/day');
  });
});
