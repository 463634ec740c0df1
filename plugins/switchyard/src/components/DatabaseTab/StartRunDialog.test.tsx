import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { RunbookSummary, Topology } from '@switchyard/backstage-plugin-switchyard-common';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { failoverRun, failoverRunbook, prodAppTopology, switchoverRunbook } from '../../testing/fixtures';
import { TestSwitchyardApi } from '../../testing/TestSwitchyardApi';
import { StartRunDialog, whereItRuns } from './StartRunDialog';

async function open(runbook: RunbookSummary, given: Topology | 'no topology' = prodAppTopology()) {
  const topology = given === 'no topology' ? undefined : given;
  const api = new TestSwitchyardApi({ created: failoverRun(1, 'running') });
  const onClose = jest.fn();
  const onStarted = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[switchyardApiRef, api]]}>
      <StartRunDialog runbook={runbook} entityRef="resource:default/prod-app" topology={topology} onClose={onClose} onStarted={onStarted} />
    </TestApiProvider>,
  );
  return { api, onClose, onStarted, dialog: await screen.findByRole('dialog') };
}

describe('StartRunDialog', () => {
  it('labels the params by their descriptions, never by snake_case names or type tags', async () => {
    const { dialog } = await open(failoverRunbook);
    expect(within(dialog).getByLabelText(/The Aurora cluster to fail over/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/The reader to promote/)).toBeInTheDocument();
    expect(within(dialog).getByText("Empty picks Aurora's own choice (lowest tier, then largest class)")).toBeInTheDocument();
    expect(dialog).not.toHaveTextContent('rds-instance');
    expect(dialog).not.toHaveTextContent('rds-cluster');
  });

  it('says what the run changes, and in which account and region', async () => {
    const { dialog } = await open(failoverRunbook);
    const impact = within(dialog).getByTestId('start-run-impact');
    expect(impact).toHaveTextContent('Changes AWS in Fail over.');
    expect(within(impact).getByTestId('start-run-where')).toHaveTextContent('Account 123456789012, region us-east-1 · cluster prod-app');
  });

  it('offers the readers as failover targets, not the current writer', async () => {
    const { dialog } = await open(failoverRunbook, prodAppTopology('prod-app-1'));
    fireEvent.mouseDown(within(dialog).getByLabelText(/The reader to promote/));
    const options = within(await screen.findByRole('listbox'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      '(none: Aurora picks the reader)',
      expect.stringMatching(/^prod-app-0 — reader/),
      expect.stringMatching(/^prod-app-2 — reader/),
    ]);
  });

  it('does not ask for data-guard fields when no connections are configured, and says why', async () => {
    const { dialog } = await open(switchoverRunbook);
    expect(within(dialog).queryByLabelText(/Comma-separated tables/)).not.toBeInTheDocument();
    expect(within(dialog).getByTestId('start-run-hidden')).toHaveTextContent(
      'Not asked: comma-separated tables whose rows must be identical on blue and green — needs the blue and green connections, which are not configured',
    );
  });

  it('Cancel closes without starting anything', async () => {
    const { api, onClose, dialog } = await open(failoverRunbook);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
    expect(api.created).toEqual([]);
  });

  it('starts the run with the values chosen, a dry run when asked', async () => {
    const { api, onStarted, dialog } = await open(failoverRunbook);
    fireEvent.click(within(dialog).getByLabelText(/Dry run/));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start dry run' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    expect(api.created).toEqual([
      { runbook: 'failover.md', entityRef: 'resource:default/prod-app', params: { cluster: 'prod-app' }, dryRun: true },
    ]);
  });

  it('names a missing required value by its label', async () => {
    const { api, dialog } = await open(failoverRunbook, 'no topology');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));
    expect(await within(dialog).findByText('The Aurora cluster to fail over is required')).toBeInTheDocument();
    expect(api.created).toEqual([]);
  });
});

it('reads the account and region from the cluster ARN', () => {
  expect(whereItRuns(prodAppTopology())).toEqual({ account: '123456789012', region: 'us-east-1' });
  expect(whereItRuns(undefined)).toEqual({});
});
