import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Route, Routes } from 'react-router-dom';
import type { RolloutPlanRequest, RolloutPlanResponse, RolloutView, RunbookSummary } from '@switchyard/backstage-plugin-switchyard-common';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { SwitchyardRequestError } from '../../api/errors';
import { rootRouteRef } from '../../routes';
import { costReport, emptyHistory, fleetEntity } from '../../testing/fixtures';
import { TestSwitchyardApi } from '../../testing/TestSwitchyardApi';
import { FleetPage } from '../FleetPage';
import { RolloutPage } from './RolloutPage';

const RUNBOOK: RunbookSummary = {
  id: 'failover.md',
  title: 'Fail over an Aurora cluster to a chosen reader',
  description: '',
  params: [{ name: 'cluster', type: 'rds-cluster', required: true }],
  mutating: true,
  appliesTo: ['cluster'],
  steps: [],
};
const entities = ['prod-app', 'billing-db', 'analytics-db'].map((n) => fleetEntity(n, 'group:default/payments'));
const cluster = (id: string, wave: number, extra: Partial<RolloutView['rollout']['clusters'][number]> = {}) => ({
  id,
  region: 'us-east-1',
  arn: `arn:aws:rds:us-east-1:123456789012:cluster:${id}`,
  wave,
  params: { cluster: id },
  status: 'pending' as const,
  retries: 0,
  entityRef: `resource:default/${id}`,
  target: '123456789012:us-east-1',
  ...extra,
});
const PLAN: RolloutPlanResponse = {
  runbook: { id: 'failover.md', title: RUNBOOK.title },
  clusters: [cluster('prod-app', 0), cluster('billing-db', 1)],
  waves: [1, 1],
  spec: { waves: [{ count: 1 }, { rest: true }], gate: { kind: 'none' }, budget: { failures: { count: 1 }, guardStops: { count: 1 } } },
  budget: { failures: 1, guardStops: 1 },
  notes: [],
  warnings: [],
};
const counts = (over: Partial<Record<string, number>> = {}) => ({
  pending: 0,
  starting: 0,
  running: 0,
  waiting: 0,
  succeeded: 0,
  failed: 0,
  'guard-stopped': 0,
  aborted: 0,
  skipped: 0,
  ...over,
});

function view(): RolloutView {
  const clusters = [
    cluster('prod-app', 0, {
      status: 'succeeded',
      runId: 'ro-1-c0001',
      startedAt: '2026-12-05T10:00:00Z',
      endedAt: '2026-12-05T10:02:00Z',
    }),
    cluster('billing-db', 1, { status: 'running', runId: 'ro-1-c0002', step: 'Fail over', startedAt: '2026-12-05T10:02:00Z' }),
    cluster('analytics-db', 1, { status: 'failed', runId: 'ro-1-c0003', reason: 'the cluster is not available' }),
  ];
  return {
    rollout: {
      id: 'ro-20261205100000-abcdef',
      version: 7,
      title: 'Fail over on 3 cluster(s)',
      runbook: { file: 'failover.md', title: RUNBOOK.title, source: '' },
      template: { cluster: '{{ cluster.id }}' },
      selection: 'prod-app,billing-db,analytics-db',
      plan: PLAN.spec,
      target: '123456789012:us-east-1',
      startedBy: 'user:default/alice',
      createdAt: '2026-12-05T10:00:00Z',
      updatedAt: '2026-12-05T10:03:00Z',
      status: 'running',
      approvedWaves: [],
      clusters,
      audit: [{ at: '2026-12-05T10:00:00Z', actor: 'user:default/alice', action: 'rollout started' }],
    },
    progress: {
      counts: counts({ succeeded: 1, running: 1, failed: 1 }),
      waves: [
        { wave: 0, size: 1, counts: counts({ succeeded: 1 }), done: true },
        { wave: 1, size: 2, counts: counts({ running: 1, failed: 1 }), done: false },
      ],
      currentWave: 1,
      budget: { failed: 1, guardStopped: 0, failureLimit: 2, guardStopLimit: 2 },
      elapsedSeconds: 180,
      meanRunSeconds: 120,
      etaSeconds: 120,
    },
    switchover: { ...emptyHistory, count: 1, succeeded: 1, p50Seconds: 31, p95Seconds: 42 },
    controls: [
      {
        control: { action: 'pause' },
        label: 'Pause rollout',
        title: 'Pause "Fail over on 3 cluster(s)"?',
        effects: [
          'No new cluster starts until someone resumes it (0 still to start).',
          '1 run(s) in progress (billing-db): they go on to their end.',
        ],
        reasonRequired: false,
        confirm: false,
      },
    ],
    clusterControls: {
      'analytics-db': [
        {
          control: { action: 'skip', cluster: 'analytics-db', reason: '' },
          label: 'Skip',
          title: 'Skip analytics-db in "Fail over on 3 cluster(s)"?',
          effects: ['analytics-db is left as it is: its run is not retried, and the rollout counts it done.'],
          reasonRequired: true,
          confirm: true,
          cluster: 'analytics-db',
        },
      ],
    },
  };
}

const mounted = { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef, '/switchyard': rootRouteRef } };

async function pick(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('Start a rollout from the fleet page', () => {
  it('previews the plan the backend resolves, then starts exactly what was previewed', async () => {
    const api = new TestSwitchyardApi({
      fleet: { entities, fetchedAt: '2026-12-05T10:00:00Z' },
      cost: costReport([]),
      runbooks: [RUNBOOK],
      plan: () => PLAN,
      startedRollout: view(),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[switchyardApiRef, api]]}>
        <FleetPage />
      </TestApiProvider>,
      mounted,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Start a rollout' }));
    const dialog = await screen.findByRole('dialog');
    await pick('Runbook', `${RUNBOOK.title} (failover.md)`);
    // A multiple select stays open while clusters are picked, in order.
    fireEvent.mouseDown(within(dialog).getByLabelText('Clusters'));
    fireEvent.click(await screen.findByRole('option', { name: 'prod-app' }));
    fireEvent.click(screen.getByRole('option', { name: 'billing-db' }));
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Escape' });
    expect(within(dialog).getByTestId('rollout-selection')).toHaveTextContent('Selection: prod-app,billing-db');
    expect(within(dialog).getByRole('button', { name: 'Start rollout' })).toBeDisabled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview plan' }));
    expect(await within(dialog).findByTestId('rollout-plan-summary')).toHaveTextContent('2 cluster(s) in 2 wave(s) (1, 1)');
    expect(within(dialog).getByTestId('plan-cluster-billing-db')).toHaveTextContent('cluster=billing-db');
    const expected: RolloutPlanRequest = {
      runbook: 'failover.md',
      selection: 'prod-app,billing-db',
      params: {},
      waves: '1,25%,rest',
      maxFailures: '1',
      gate: { kind: 'none' },
    };
    expect(api.plans).toEqual([expected]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rollout' }));
    await waitFor(() => expect(api.rolloutsStarted).toEqual([expected]));
  });

  it('a change after the preview takes it back: Start needs a new preview', async () => {
    const api = new TestSwitchyardApi({
      fleet: { entities, fetchedAt: '2026-12-05T10:00:00Z' },
      cost: costReport([]),
      runbooks: [RUNBOOK],
      plan: () => PLAN,
    });
    await renderInTestApp(
      <TestApiProvider apis={[[switchyardApiRef, api]]}>
        <FleetPage />
      </TestApiProvider>,
      mounted,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Start a rollout' }));
    const dialog = await screen.findByRole('dialog');
    await pick('Runbook', `${RUNBOOK.title} (failover.md)`);
    await pick('Select clusters by', 'A tag');
    fireEvent.change(within(dialog).getByLabelText('Tag'), { target: { value: 'team=payments' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview plan' }));
    await within(dialog).findByTestId('rollout-plan');
    fireEvent.change(within(dialog).getByLabelText('Waves'), { target: { value: '1,rest' } });
    expect(within(dialog).queryByTestId('rollout-plan')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Start rollout' })).toBeDisabled();
  });

  it("shows the backend's refusal naming the clusters, and starts nothing", async () => {
    const refusal = new SwitchyardRequestError(
      'user:default/alice may not start runbooks on 1 of the 2 cluster(s): analytics-db (resource:default/analytics-db)',
      403,
      'NotAllowedError',
    );
    const api = new TestSwitchyardApi({
      fleet: { entities, fetchedAt: '2026-12-05T10:00:00Z' },
      cost: costReport([]),
      runbooks: [RUNBOOK],
      plan: () => {
        throw refusal;
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[switchyardApiRef, api]]}>
        <FleetPage />
      </TestApiProvider>,
      mounted,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Start a rollout' }));
    const dialog = await screen.findByRole('dialog');
    await pick('Runbook', `${RUNBOOK.title} (failover.md)`);
    await pick('Select clusters by', 'An expression');
    fireEvent.change(within(dialog).getByLabelText('Selection'), { target: { value: '*' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview plan' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('analytics-db (resource:default/analytics-db)');
    expect(within(dialog).getByRole('button', { name: 'Start rollout' })).toBeDisabled();
    expect(api.rolloutsStarted).toEqual([]);
  });
});

describe('The rollout page', () => {
  async function renderRollout(api: TestSwitchyardApi) {
    await renderInTestApp(
      <TestApiProvider apis={[[switchyardApiRef, api]]}>
        <Routes>
          <Route path="/rollouts/:id" element={<RolloutPage />} />
        </Routes>
      </TestApiProvider>,
      { ...mounted, routeEntries: ['/rollouts/ro-20261205100000-abcdef'] },
    );
  }

  it('shows each wave and cluster with its stage, the counts, p50/p95, cost, ETA, and links to each run', async () => {
    const api = new TestSwitchyardApi({
      rollout: view(),
      cost: costReport([{ clusterId: 'prod-app-green-x', migration: 'prod-app-pg16', costSoFar: 12.5 }]),
    });
    await renderRollout(api);
    expect(await screen.findByTestId('rollout-succeeded')).toHaveTextContent('1');
    expect(screen.getByTestId('rollout-failed')).toHaveTextContent('1');
    expect(screen.getByTestId('rollout-guard-stopped')).toHaveTextContent('0');
    expect(screen.getByTestId('rollout-p50-p95')).toHaveTextContent('31s / 42s');
    expect(await screen.findByTestId('rollout-cost-total')).toHaveTextContent('$12.50');
    expect(screen.getByTestId('rollout-eta')).toHaveTextContent('2m 00s');
    expect(screen.getByTestId('wave-1-stage')).toHaveTextContent('done · 1 of 1 succeeded');
    expect(screen.getByTestId('wave-2-stage')).toHaveTextContent('in progress · 0 of 2 succeeded, 1 failed');
    const billing = screen.getByTestId('rollout-cluster-billing-db');
    expect(billing).toHaveAttribute('data-status', 'running');
    expect(within(billing).getByRole('link', { name: 'ro-1-c0002' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/billing-db?run=ro-1-c0002',
    );
    expect(within(screen.getByTestId('rollout-cluster-analytics-db')).getByText('the cluster is not available')).toBeInTheDocument();
  });

  it('confirms a control with what it does before sending it; a skip is not sent without a reason', async () => {
    const api = new TestSwitchyardApi({ rollout: view(), cost: costReport([]) });
    await renderRollout(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Pause rollout' }));
    const pause = await screen.findByTestId('confirm-control');
    expect(pause).toHaveTextContent('1 run(s) in progress (billing-db): they go on to their end.');
    fireEvent.change(within(pause).getByLabelText('Reason (optional)'), { target: { value: 'look first' } });
    fireEvent.click(within(pause).getByRole('button', { name: 'Pause rollout' }));
    await waitFor(() =>
      expect(api.rolloutActions).toEqual([{ id: 'ro-20261205100000-abcdef', request: { action: 'pause', reason: 'look first' } }]),
    );

    await waitFor(() => expect(screen.queryByTestId('confirm-control')).toBeNull());
    await waitFor(() =>
      expect(within(screen.getByTestId('rollout-cluster-analytics-db')).getByRole('button', { name: 'Skip' })).toBeEnabled(),
    );
    fireEvent.click(within(screen.getByTestId('rollout-cluster-analytics-db')).getByRole('button', { name: 'Skip' }));
    const skip = await screen.findByTestId('confirm-control');
    fireEvent.click(within(skip).getByRole('button', { name: 'Skip' }));
    expect(await within(skip).findByText('A reason is required to skip a cluster; it is kept in the audit trail')).toBeInTheDocument();
    expect(api.rolloutActions).toHaveLength(1);
    fireEvent.change(within(skip).getByLabelText(/Reason \(required\)/), { target: { value: 'frozen' } });
    fireEvent.click(within(skip).getByRole('button', { name: 'Skip' }));
    await waitFor(() =>
      expect(api.rolloutActions[1]).toEqual({
        id: 'ro-20261205100000-abcdef',
        request: { action: 'skip', cluster: 'analytics-db', reason: 'frozen' },
      }),
    );
  });
});
