import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { SwitchyardRequestError } from '../../api/errors';
import {
  cleanupRunbook,
  costReport,
  failoverRun,
  failoverRunbook,
  globalRunbook,
  permissions,
  prodAppEntity,
  prodAppTopology,
  secondaryTopology,
  switchedOverTopology,
  switchoverRunbook,
} from '../../testing/fixtures';
import { TestSwitchyardApi, type TestData } from '../../testing/TestSwitchyardApi';
import type { EntityPermissions, PendingApproval } from '@switchyard/backstage-plugin-switchyard-common';

const waitingForBob: PendingApproval = {
  runId: 'run-1',
  title: failoverRunbook.title,
  entityRef: 'resource:default/prod-app',
  database: 'prod-app',
  stepName: 'Confirm with the on-call lead',
  message: 'Fail over prod-app from prod-app-0 to prod-app-1? Writes pause for up to a minute.',
  requestedAt: '2026-03-02T10:00:00Z',
  startedBy: 'user:default/alice',
};
import { DatabaseTab } from './DatabaseTab';

async function renderTab(data: TestData, route = '/', configure?: (api: TestSwitchyardApi) => void) {
  const api = new TestSwitchyardApi({
    topology: prodAppTopology(),
    runbooks: [failoverRunbook, globalRunbook],
    cost: costReport([]),
    ...data,
  });
  configure?.(api);
  await renderInTestApp(
    <TestApiProvider apis={[[switchyardApiRef, api]]}>
      <EntityProvider entity={prodAppEntity}>
        <DatabaseTab />
      </EntityProvider>
    </TestApiProvider>,
    { routeEntries: [route] },
  );
  return api;
}

describe('DatabaseTab', () => {
  it('draws the topology of the entity, lists the runbooks that apply, and the cost of the deployment in flight', async () => {
    const api = await renderTab({
      permissions: permissions('alice', true),
      cost: costReport([{ clusterId: 'prod-app-green-x', migration: 'prod-app-pg16', costSoFar: 123.45 }]),
    });
    const writer = await screen.findByTestId('instance-prod-app-0');
    expect(writer).toHaveAttribute('data-role', 'writer');
    expect(screen.getByTestId('instance-prod-app-2')).toHaveAttribute('data-role', 'reader');
    expect(api.topologyRequests[0]).toBe('resource:default/prod-app');
    // Only cluster runbooks: prod-app is not in a Global Database.
    expect(screen.getByTestId('runbook-failover.md')).toBeInTheDocument();
    expect(screen.queryByTestId('runbook-promote-global.md')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Run ${failoverRunbook.title}` })).toBeInTheDocument();
    expect(within(screen.getByTestId('switchyard-cost-card')).getByTestId('cost-so-far')).toHaveTextContent('$123.45');
  });

  it('before the switchover: blue is current production, the switchover is offered and cleanup is not', async () => {
    await renderTab({ permissions: permissions('alice', true), runbooks: [failoverRunbook, switchoverRunbook, cleanupRunbook] });
    expect(await screen.findByTestId('runbook-blue-green-switchover.md')).toBeInTheDocument();
    expect(screen.queryByTestId('runbook-blue-green-rollback-and-cleanup.md')).not.toBeInTheDocument();
    const pair = screen.getByTestId('bluegreen-bgd-1');
    expect(within(pair).getByTestId('bluegreen-bgd-1-blue')).toHaveTextContent('Blue (current production)prod-app');
    expect(within(pair).getByTestId('bluegreen-bgd-1-green')).toHaveTextContent('Green (new)prod-app-green-x');
    expect(within(pair).queryByTestId('bluegreen-bgd-1-decommission')).not.toBeInTheDocument();
  });

  it('in the watch window: the page keeps the production name, shows the old environment as its rollback window, offers rollback and cleanup, not the switchover', async () => {
    await renderTab({
      permissions: permissions('alice', true),
      topology: switchedOverTopology(),
      runbooks: [failoverRunbook, switchoverRunbook, cleanupRunbook],
    });
    expect(await screen.findByTestId('runbook-blue-green-rollback-and-cleanup.md')).toBeInTheDocument();
    expect(screen.queryByTestId('runbook-blue-green-switchover.md')).not.toBeInTheDocument();
    expect(screen.getByTestId('runbook-failover.md')).toBeInTheDocument();
    const old = screen.getByTestId('bluegreen-bgd-1-blue');
    expect(old).toHaveTextContent('Old environment (rollback window)prod-app-old1');
    expect(old).not.toHaveTextContent('current');
    expect(screen.getByTestId('bluegreen-bgd-1-decommission')).toHaveTextContent('decommission by 2026-03-05');
    expect(screen.getByTestId('bluegreen-bgd-1-green')).toHaveTextContent('Production (new)prod-app');
  });

  it('shows a Global Database secondary as a secondary and offers its promotion, not a failover', async () => {
    await renderTab({ permissions: permissions('alice', true), topology: secondaryTopology() });
    expect(await screen.findByTestId('global-secondary')).toHaveTextContent('read-only replica of prod-app-global');
    expect(screen.queryByText(/no writer \(a failover may be in progress\)/)).not.toBeInTheDocument();
    expect(await screen.findByTestId('runbook-promote-global.md')).toBeInTheDocument();
    expect(screen.queryByTestId('runbook-failover.md')).not.toBeInTheDocument();
  });

  it('draws every card at once and holds the runbook list until the topology says which apply', async () => {
    let answer: (t: ReturnType<typeof prodAppTopology>) => void = () => {};
    await renderTab(
      { permissions: permissions('alice', true), runbooks: [failoverRunbook, switchoverRunbook, cleanupRunbook] },
      '/',
      (api) => {
        api.getTopology = () => new Promise((resolve) => (answer = resolve));
      },
    );
    // Every card's skeleton is there before any answer that matters.
    expect(screen.getByTestId('topology-skeleton')).toBeInTheDocument();
    expect(screen.getByTestId('runbooks-skeleton')).toBeInTheDocument();
    expect(screen.getByText('Runs', { selector: '.MuiCardHeader-title' })).toBeInTheDocument();
    expect(screen.getByText('Switchover history', { selector: '.MuiCardHeader-title' })).toBeInTheDocument();
    // The runbooks are known, the topology is not: no list yet (it would grow when the Blue/Green deployment shows).
    await waitFor(() => expect(screen.getByTestId('runbooks-skeleton')).toHaveStyle({ minHeight: '180px' }));
    expect(screen.queryByTestId('runbook-failover.md')).not.toBeInTheDocument();
    act(() => answer(prodAppTopology()));
    expect(await screen.findByTestId('runbook-blue-green-switchover.md')).toBeInTheDocument();
    expect(screen.getByTestId('runbook-failover.md')).toBeInTheDocument();
    expect(screen.queryByTestId('runbooks-skeleton')).not.toBeInTheDocument();
  });

  it('hides Run from a user who may not start runs, and says why', async () => {
    await renderTab({ permissions: permissions('carol', false), topology: prodAppTopology('prod-app-0', false) });
    expect(await screen.findByTestId('no-create-permission')).toHaveTextContent(
      'Signed in as carol: you may not start runbooks on this database',
    );
    expect(screen.getByTestId('runbook-failover.md')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Run / })).not.toBeInTheDocument();
    // No deployment and no parallel environment: no cost card.
    expect(screen.queryByTestId('switchyard-cost-card')).not.toBeInTheDocument();
  });

  it('starts a run from the params form and follows it live, the diagram catching up with the new writer', async () => {
    const api = await renderTab({ permissions: permissions('bob', true), created: failoverRun(1, 'waiting-approval', 'alice') });
    fireEvent.click(await screen.findByRole('button', { name: `Run ${failoverRunbook.title}` }));
    const dialog = await screen.findByRole('dialog');
    // The cluster picker is filled from the live topology.
    fireEvent.submit(
      within(dialog)
        .getByRole('button', { name: /start|run/i })
        .closest('form')!,
    );
    await waitFor(() =>
      expect(api.created).toEqual([
        {
          runbook: 'failover.md',
          entityRef: 'resource:default/prod-app',
          params: expect.objectContaining({ cluster: 'prod-app' }),
          dryRun: false,
        },
      ]),
    );

    await waitFor(() => expect(api.isWatching('run-1')).toBe(true));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    act(() => api.push(failoverRun(2, 'waiting-approval', 'alice')));
    expect(await screen.findByTestId('run')).toHaveAttribute('data-status', 'waiting-approval');

    // bob approves alice's run; the answer is shown at once, the stream then carries the rest.
    api.data.action = () => failoverRun(3, 'running', 'alice');
    fireEvent.click(screen.getByRole('button', { name: /^approve/i }));
    await waitFor(() => expect(api.actions).toEqual([{ id: 'run-1', action: 'approve', reason: undefined }]));

    const before = api.topologyRequests.length;
    api.data.topology = prodAppTopology('prod-app-2');
    act(() => api.push(failoverRun(9, 'succeeded', 'alice')));
    await waitFor(() => expect(screen.getByTestId('run')).toHaveAttribute('data-status', 'succeeded'));
    await waitFor(() => expect(screen.getByTestId('instance-prod-app-2')).toHaveAttribute('data-role', 'writer'));
    expect(api.topologyRequests.length).toBeGreaterThan(before);
  });

  it("shows the server's refusal of an action as a clear error", async () => {
    const api = await renderTab({ permissions: permissions('alice', true), created: failoverRun(1, 'waiting-approval', 'bob') });
    fireEvent.click(await screen.findByRole('button', { name: `Run ${failoverRunbook.title}` }));
    fireEvent.submit(
      within(await screen.findByRole('dialog'))
        .getByRole('button', { name: /start|run/i })
        .closest('form')!,
    );
    await waitFor(() => expect(api.isWatching('run-1')).toBe(true));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    act(() => api.push(failoverRun(2, 'waiting-approval', 'bob')));
    api.data.action = () => {
      throw new SwitchyardRequestError(
        'Not allowed (403) — approve on run run-1: alice may not approve runs on resource:default/prod-app',
        403,
      );
    };
    fireEvent.click(await screen.findByRole('button', { name: /^approve/i }));
    expect(await screen.findByText(/alice may not approve runs on resource:default\/prod-app/)).toBeInTheDocument();
  });

  it('tells bob a run waits for his approval; Review opens it first, the topology folded under it, and nothing is denied before his permissions are known', async () => {
    let grant: (p: EntityPermissions) => void = () => undefined;
    const api = await renderTab({ created: failoverRun(1, 'waiting-approval', 'alice'), approvals: [waitingForBob] }, '/', (a) => {
      a.getPermissions = () => new Promise((resolve) => (grant = resolve));
    });
    const banner = await screen.findByRole('region', { name: 'Waiting for your approval' });
    expect(banner).toHaveTextContent('A run is waiting for your approval');
    expect(banner).toHaveTextContent(
      'prod-app · Fail over an Aurora cluster to a chosen reader · step “Confirm with the on-call lead”: Fail over prod-app',
    );
    expect(banner).toHaveTextContent('(started by alice)');
    fireEvent.click(within(banner).getByRole('button', { name: 'Review and approve' }));
    await waitFor(() => expect(api.isWatching('run-1')).toBe(true));
    act(() => api.push(failoverRun(2, 'waiting-approval', 'alice')));
    await screen.findByTestId('run');
    // The open run is not repeated in the banner; the run card comes before the topology, which is folded.
    expect(screen.queryByRole('region', { name: 'Waiting for your approval' })).not.toBeInTheDocument();
    const card = screen.getByTestId('live-run-card');
    const fold = screen.getByTestId('switchyard-topology-fold');
    expect(card.compareDocumentPosition(fold) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(fold).toHaveTextContent('Topology of prod-app · writer prod-app-0 (folded while the run is open)');
    // Permissions still loading: no Approve, and no "may not approve" either.
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(screen.queryByText(/may not approve/)).not.toBeInTheDocument();
    await act(async () => grant(permissions('bob', true)));
    expect(await screen.findByRole('button', { name: 'Approve' })).toBeInTheDocument();
  });

  it('confirms Abort in a Backstage dialog that says what it does to prod-app, and sends the reason', async () => {
    const api = await renderTab(
      { permissions: permissions('bob', true), created: failoverRun(1, 'waiting-approval', 'alice') },
      '/?run=run-1',
    );
    await waitFor(() => expect(api.isWatching('run-1')).toBe(true));
    act(() => api.push(failoverRun(2, 'waiting-approval', 'alice')));
    fireEvent.click(await screen.findByRole('button', { name: 'Abort' }));
    const dialog = await screen.findByRole('dialog', { name: /^Abort ".*" on prod-app\?$/ });
    expect(dialog).toHaveTextContent('Stops the run for good at');
    expect(api.actions).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText(/Reason \(optional\)/), { target: { value: 'wrong cluster' } });
    api.data.action = () => failoverRun(3, 'aborted', 'alice');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abort run' }));
    await waitFor(() => expect(api.actions).toEqual([{ id: 'run-1', action: 'abort', reason: 'wrong cluster' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says so when the backend has gone, and disables Run and every run control', async () => {
    const api = await renderTab(
      { permissions: permissions('bob', true), created: failoverRun(1, 'waiting-approval', 'alice') },
      '/?run=run-1',
      (a) => {
        a.down = new Error('Failed to fetch');
      },
    );
    await waitFor(() => expect(api.isWatching('run-1')).toBe(true));
    act(() => api.push(failoverRun(2, 'waiting-approval', 'alice')));
    const banner = await screen.findByTestId('backend-disconnected');
    expect(banner).toHaveTextContent("Switchyard's backend is not answering (since");
    expect(banner).toHaveTextContent('Last error: Failed to fetch');
    expect(await screen.findByRole('button', { name: `Run ${failoverRunbook.title}` })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Abort' })).toBeDisabled();
    expect(screen.getByTestId('controls-unavailable')).toHaveTextContent("Controls are disabled: Switchyard's backend is not answering.");
  });
});
