import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { costReport, emptyHistory, fleetEntity } from '../../testing/fixtures';
import { TestSwitchyardApi } from '../../testing/TestSwitchyardApi';
import { FleetPage } from './FleetPage';
import { rootRouteRef } from '../../routes';
import type { PendingApproval } from '@switchyard/backstage-plugin-switchyard-common';

// 30 databases: more than a page (25), so sorting must reorder the whole fleet, not the visible page.
const entities = Array.from({ length: 30 }, (_, i) =>
  fleetEntity(`db-${i + 1}`, i % 2 ? 'group:default/payments' : 'group:default/analytics', i % 7 === 0 ? 2 : 0),
);
entities[4].cluster!.blueGreen = [{ id: 'bgd-5', name: 'db-5-pg16', status: 'AVAILABLE', stage: 'ready', target: 'x' }];
const cost = costReport([
  { clusterId: 'db-5-green-x', migration: 'db-5-pg16', costSoFar: 50 },
  { clusterId: 'db-12-old1', migration: 'db-12-pg16', costSoFar: 80 },
]);

async function renderPage(history = emptyHistory, approvals: PendingApproval[] = [], report = cost) {
  const api = new TestSwitchyardApi({ fleet: { entities, fetchedAt: '2026-03-02T10:00:00Z' }, cost: report, history, approvals });
  await renderInTestApp(
    <TestApiProvider apis={[[switchyardApiRef, api]]}>
      <FleetPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef, '/switchyard': rootRouteRef } },
  );
}

const names = () => screen.getAllByTestId('fleet-row').map((row) => within(row).getAllByRole('cell')[0].textContent);

describe('FleetPage', () => {
  it('lists the newest rollouts a page at a time: Older rollouts adds the next page until there is none', async () => {
    const rollouts = Array.from({ length: 5 }, (_, i) => ({
      id: `ro-2026120500000${i}-00000${i}`,
      title: `Rollout ${i}`,
      runbook: { file: 'upgrade.md', title: 'Upgrade' },
      status: 'succeeded' as const,
      startedBy: 'user:default/alice',
      createdAt: `2026-12-05T00:00:0${i}.000Z`,
      updatedAt: `2026-12-05T00:00:0${i}.000Z`,
      counts: { pending: 0, starting: 0, running: 0, waiting: 0, succeeded: 1, failed: 0, 'guard-stopped': 0, aborted: 0, skipped: 0 },
      waves: 1,
    }));
    const api = new TestSwitchyardApi({
      fleet: { entities, fetchedAt: '2026-03-02T10:00:00Z' },
      cost,
      history: emptyHistory,
      rollouts,
      rolloutPage: 2,
    });
    await renderInTestApp(
      <TestApiProvider apis={[[switchyardApiRef, api]]}>
        <FleetPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef, '/switchyard': rootRouteRef } },
    );
    const shown = () => screen.getAllByTestId(/^rollout-row-/).map((row) => row.getAttribute('data-testid')!.slice('rollout-row-'.length));
    await screen.findByTestId(`rollout-row-${rollouts[0].id}`);
    expect(shown()).toEqual(rollouts.slice(0, 2).map((r) => r.id));
    fireEvent.click(screen.getByRole('button', { name: 'Older rollouts' }));
    await screen.findByTestId(`rollout-row-${rollouts[3].id}`);
    fireEvent.click(screen.getByRole('button', { name: 'Older rollouts' }));
    await screen.findByTestId(`rollout-row-${rollouts[4].id}`);
    expect(shown()).toEqual(rollouts.map((r) => r.id));
    expect(screen.queryByRole('button', { name: 'Older rollouts' })).toBeNull();
  });

  it('shows the fleet a page at a time, sorted by name naturally, with the fleet cost total', async () => {
    await renderPage();
    expect(await screen.findByTestId('fleet-count')).toHaveTextContent('30 databases');
    expect(names()).toHaveLength(25);
    expect(names().slice(0, 3)).toEqual(['db-1', 'db-2', 'db-3']);
    expect(await screen.findByTestId('fleet-cost-total')).toHaveTextContent('$130.00');
    const link = within(screen.getAllByTestId('fleet-row')[0]).getByRole('link', { name: 'db-1' });
    expect(link).toHaveAttribute('href', '/catalog/default/resource/db-1');
  });

  it('sorts the whole fleet by a column, and reverses on a second click', async () => {
    await renderPage();
    await screen.findByTestId('fleet-table');
    const costHeader = screen.getByRole('button', { name: 'Parallel env. cost' });
    fireEvent.click(costHeader);
    // Numbers sort biggest first; db-12 is on page 1 only because of its old blue.
    expect(names().slice(0, 3)).toEqual(['db-12', 'db-5', 'db-1']);
    expect(within(screen.getAllByTestId('fleet-row')[0]).getAllByRole('cell').pop()).toHaveTextContent('$80.00$24.00/day');
    fireEvent.click(costHeader);
    expect(names()[0]).toBe('db-1');
    expect(names()).not.toContain('db-12');

    fireEvent.click(screen.getByRole('button', { name: 'Active runs' }));
    expect(names().slice(0, 5)).toEqual(['db-1', 'db-8', 'db-15', 'db-22', 'db-29']);
  });

  it('filters and pages', async () => {
    await renderPage();
    await screen.findByTestId('fleet-table');
    fireEvent.change(screen.getByLabelText('Filter databases'), { target: { value: 'ready' } });
    expect(screen.getByTestId('fleet-count')).toHaveTextContent('1 of 30 databases');
    expect(names()).toEqual(['db-5']);
    fireEvent.change(screen.getByLabelText('Filter databases'), { target: { value: '' } });
    fireEvent.click(within(screen.getByTestId('fleet')).getByRole('button', { name: 'Next page' }));
    expect(names()).toEqual(['db-26', 'db-27', 'db-28', 'db-29', 'db-30']);
  });

  it('rolls the cost up per migration and per owning team', async () => {
    await renderPage();
    const perTeam = await screen.findByTestId('cost-per-team');
    const teams = within(perTeam)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(teams).toEqual([
      ['payments', '1', '$80.00', '$24.00'],
      ['analytics', '1', '$50.00', '$24.00'],
    ]);
    expect(within(screen.getByTestId('cost-per-migration')).getAllByRole('row')).toHaveLength(3);
  });

  it('a partial cost report says how many figures are missing and which, never a bare total', async () => {
    const throttled = (figure: 'storage' | 'io') => ({
      figure,
      clusterId: 'db-5-green-x',
      region: 'us-east-1',
      migration: 'db-5-pg16',
      reason: 'throttled' as const,
      detail: 'CloudWatch throttled GetMetricData through 3 tries (Rate exceeded); not estimated',
    });
    const partial = costReport([
      { clusterId: 'db-5-green-x', migration: 'db-5-pg16', costSoFar: 50, missing: [throttled('storage'), throttled('io')] },
      { clusterId: 'db-12-old1', migration: 'db-12-pg16', costSoFar: 80 },
    ]);
    await renderPage(emptyHistory, [], partial);
    expect(await screen.findByTestId('fleet-cost-total')).toHaveTextContent('≥ $130.00');
    expect(screen.getByTestId('fleet-cost-total-note')).toHaveTextContent('partial: 2 figures missing');
    expect(screen.getByTestId('fleet-cost-burn')).toHaveTextContent('≥ $48.00/day');
    const alert = await screen.findByTestId('cost-partial');
    expect(alert).toHaveTextContent('Partial: 2 figures missing: the totals count them as nothing');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'storage of db-5-green-x (us-east-1): CloudWatch throttled GetMetricData through 3 tries (Rate exceeded); not estimatedthrottled · db-5-pg16',
      'I/O of db-5-green-x (us-east-1): CloudWatch throttled GetMetricData through 3 tries (Rate exceeded); not estimatedthrottled · db-5-pg16',
    ]);
    const rows = within(screen.getByTestId('cost-per-migration'))
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[2].textContent);
    expect(rows).toEqual(['$80.00', '≥ $50.00 (partial: 2 figures missing)']);
    fireEvent.change(screen.getByLabelText('Filter databases'), { target: { value: 'ready' } });
    const [db5] = screen.getAllByTestId('fleet-row');
    expect(within(db5).getAllByRole('cell').pop()).toHaveTextContent('≥ $50.00$24.00/daypartial: 2 figures missing');
  });

  it('a complete cost report shows no partial notice', async () => {
    await renderPage();
    expect(await screen.findByTestId('fleet-cost-total')).toHaveTextContent(/^\$130\.00$/);
    expect(screen.queryByTestId('fleet-cost-total-note')).toBeNull();
    expect(screen.queryByTestId('cost-partial')).toBeNull();
  });

  it('reports a switchover a guard stopped apart from failures, write downtime apart from approval waits', async () => {
    await renderPage({
      ...emptyHistory,
      count: 2,
      succeeded: 1,
      stoppedByGuard: 1,
      successRate: 1,
      p50Seconds: 7,
      p95Seconds: 7,
      approvalWaitP50Seconds: 396,
      approvalWaitP95Seconds: 396,
    });
    expect(await screen.findByTestId('fleet-success-rate')).toHaveTextContent('100');
    expect(screen.getByTestId('fleet-stopped-by-guard')).toHaveTextContent('1');
    expect(screen.getByTestId('fleet-p50-p95')).toHaveTextContent('7s / 7s');
    expect(screen.getByTestId('fleet-approval-wait')).toHaveTextContent('6m 36s');
  });

  it('shows the runs waiting for the signed-in user at the top, each linking to the run on its database page', async () => {
    await renderPage(emptyHistory, [
      {
        runId: 'run-7',
        title: 'Fail over an Aurora cluster to a chosen reader',
        entityRef: 'resource:default/db-3',
        database: 'db-3',
        stepName: 'Confirm with the on-call lead',
        message: 'Fail over db-3?',
        requestedAt: '2026-03-02T10:00:00Z',
        startedBy: 'user:default/alice',
      },
    ]);
    const banner = await screen.findByRole('region', { name: 'Waiting for your approval' });
    expect(within(banner).getByRole('button', { name: 'Review and approve' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/db-3?run=run-7',
    );
  });

  it('shows no banner when nothing waits for the user', async () => {
    await renderPage();
    await screen.findByTestId('fleet-count');
    expect(screen.queryByRole('region', { name: 'Waiting for your approval' })).not.toBeInTheDocument();
  });

  it('says when the fleet was read, in words with the UTC time on hover, and what the projection projects', async () => {
    await renderPage();
    const asOf = await screen.findByTestId('fleet-as-of');
    expect(asOf.textContent).toMatch(/^read (just now|.* ago|in .*)$/);
    expect(
      within(asOf)
        .getByText(/ago|just now|in /)
        .getAttribute('title'),
    ).toBe('2026-03-02 10:00:00 UTC');
    expect(await screen.findByTestId('projection-explained')).toHaveTextContent(
      'the cost so far plus today’s burn until each environment’s planned teardown'.replace(/’/g, "'"),
    );
  });
});
