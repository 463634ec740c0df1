import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ParamValues, RunbookForForm } from './api-types';
import { RunbookParamsForm, type SubmitOptions } from './RunbookParamsForm';
import { TOPOLOGY } from './test-fixtures';

const FAILOVER: RunbookForForm = {
  id: 'failover.md',
  title: 'Fail over an Aurora cluster to a chosen reader',
  params: [
    { name: 'cluster', type: 'rds-cluster', required: true },
    { name: 'target', type: 'rds-instance', of: 'cluster', required: false, default: '', description: 'Reader to promote' },
    { name: 'max_lag_ms', type: 'number', required: false, default: 1000 },
    { name: 'hold', type: 'duration', required: true },
    { name: 'force', type: 'boolean', required: false },
    { name: 'mode', type: 'string', required: true, choices: ['planned', 'emergency'] },
  ],
};

function setup(props: Partial<Parameters<typeof RunbookParamsForm>[0]> = {}) {
  const submitted: Array<[ParamValues, SubmitOptions]> = [];
  render(<RunbookParamsForm runbook={FAILOVER} topology={TOPOLOGY} onSubmit={(p, o) => submitted.push([p, o])} {...props} />);
  return submitted;
}

describe('RunbookParamsForm', () => {
  it('offers the live cluster and its members as pickers, preselecting the cluster on screen', () => {
    setup();
    const cluster = screen.getByLabelText(/^Cluster/) as HTMLSelectElement;
    expect(cluster.tagName).toBe('SELECT');
    expect(cluster.value).toBe('prod-app');
    const target = screen.getByLabelText(/^Reader to promote/) as HTMLSelectElement;
    const options = within(target)
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['', 'prod-app-1', 'prod-app-2', 'prod-app-3', 'prod-app-4']);
    expect(within(target).getByRole('option', { name: /prod-app-2 — reader, db\.r6g\.large, us-east-1b, tier 1/ })).toBeTruthy();
    expect(screen.getByText('Reader to promote')).toBeTruthy();
  });

  it('falls back to a text box for members of a cluster it has no topology for', () => {
    setup({ clusters: [{ clusterId: 'other-db', region: 'eu-west-1' }] });
    fireEvent.change(screen.getByLabelText(/^Cluster/), { target: { value: 'other-db' } });
    const target = screen.getByLabelText(/^Reader to promote/) as HTMLInputElement;
    expect(target.tagName).toBe('INPUT');
    expect(target.value).toBe('');
  });

  it('edits a `sql` param in a multi-line text area and submits the SQL as typed', () => {
    const runbook: RunbookForForm = {
      id: 'replay.md',
      title: 'Replay',
      params: [{ name: 'replay_query', type: 'sql', required: true, description: 'The query to replay; it runs as written, read-only' }],
    };
    const submitted = setup({ runbook });
    const field = screen.getByLabelText(/^The query to replay/) as HTMLTextAreaElement;
    expect(field.tagName).toBe('TEXTAREA');
    fireEvent.change(field, { target: { value: "select id\nfrom orders where status = 'paid'" } });
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted[0][0]).toEqual({ replay_query: "select id\nfrom orders where status = 'paid'" });
  });

  it('uses defaults, enum choices and typed inputs', () => {
    setup();
    expect((screen.getByLabelText(/^Max lag ms/) as HTMLInputElement).value).toBe('1000');
    expect((screen.getByLabelText(/^Max lag ms/) as HTMLInputElement).type).toBe('number');
    expect((screen.getByLabelText(/^Force/) as HTMLInputElement).type).toBe('checkbox');
    const mode = screen.getByLabelText(/^Mode/) as HTMLSelectElement;
    expect(
      within(mode)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['— choose —', 'planned', 'emergency']);
  });

  it('types a secret param hidden, and submits it like any other value', () => {
    const submitted: Array<[ParamValues, SubmitOptions]> = [];
    const runbook: RunbookForForm = {
      id: 'create.md',
      title: 'Create',
      params: [{ name: 'password', type: 'string', required: true, secret: true }],
    };
    render(<RunbookParamsForm runbook={runbook} onSubmit={(p, o) => submitted.push([p, o])} />);
    const input = screen.getByLabelText(/^Password/) as HTMLInputElement;
    expect([input.type, input.autocomplete]).toEqual(['password', 'off']);
    fireEvent.change(input, { target: { value: 'hunter2-hunter2' } });
    fireEvent.submit(input.closest('form')!);
    expect(submitted[0][0]).toEqual({ password: 'hunter2-hunter2' });
  });

  it('refuses to submit without the required values and says which', () => {
    const submitted = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted).toEqual([]);
    expect(screen.getByText('Hold is required')).toBeTruthy();
    expect(screen.getByText('Mode is required')).toBeTruthy();
    expect(screen.getByLabelText(/^Hold/).getAttribute('aria-invalid')).toBe('true');
  });

  it('rejects a malformed duration', () => {
    const submitted = setup();
    fireEvent.change(screen.getByLabelText(/^Hold/), { target: { value: 'two minutes' } });
    fireEvent.change(screen.getByLabelText(/^Mode/), { target: { value: 'planned' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('Hold must be a duration like 30s, 2m, 1h30m or a number of seconds');
  });

  it('submits typed values, leaving out empty optional ones', () => {
    const submitted = setup({ allowDryRun: true });
    fireEvent.change(screen.getByLabelText(/^Reader to promote/), { target: { value: 'prod-app-2' } });
    fireEvent.change(screen.getByLabelText(/^Max lag ms/), { target: { value: '250' } });
    fireEvent.change(screen.getByLabelText(/^Hold/), { target: { value: '2m' } });
    fireEvent.click(screen.getByLabelText(/^Force/));
    fireEvent.change(screen.getByLabelText(/^Mode/), { target: { value: 'emergency' } });
    fireEvent.click(screen.getByLabelText(/Dry run/));
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted).toEqual([
      [{ cluster: 'prod-app', target: 'prod-app-2', max_lag_ms: 250, hold: '2m', force: true, mode: 'emergency' }, { dryRun: true }],
    ]);
  });

  it('clears the chosen instance when the cluster changes', () => {
    setup({ clusters: [{ clusterId: 'other-db', region: 'eu-west-1' }] });
    fireEvent.change(screen.getByLabelText(/^Reader to promote/), { target: { value: 'prod-app-3' } });
    fireEvent.change(screen.getByLabelText(/^Cluster/), { target: { value: 'other-db' } });
    fireEvent.change(screen.getByLabelText(/^Cluster/), { target: { value: 'prod-app' } });
    expect((screen.getByLabelText(/^Reader to promote/) as HTMLSelectElement).value).toBe('');
  });

  it('disables the button while the host starts the run and shows its error', () => {
    setup({ submitting: true, error: 'rds-cluster:prod-app is locked by run run-7' });
    expect((screen.getByRole('button', { name: 'Starting…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('rds-cluster:prod-app is locked by run run-7');
  });

  it('offers Blue/Green deployments, Global Databases and regions from the topology', () => {
    const runbook: RunbookForForm = {
      id: 'x.md',
      title: 'x',
      params: [
        { name: 'deployment', type: 'blue-green-deployment', required: true },
        { name: 'global', type: 'global-cluster', required: true },
        { name: 'region', type: 'aws-region', required: false },
      ],
    };
    render(<RunbookParamsForm runbook={runbook} topology={TOPOLOGY} onSubmit={() => undefined} />);
    const bg = screen.getByLabelText(/^Deployment/) as HTMLSelectElement;
    expect(bg.value).toBe('bgd-abc123');
    expect(within(bg).getByRole('option', { name: 'pg16-upgrade (ready)' })).toBeTruthy();
    expect((screen.getByLabelText(/^Global/) as HTMLSelectElement).value).toBe('prod-global');
    const region = screen.getByLabelText(/^Region/) as HTMLSelectElement;
    expect(
      within(region)
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual(['', 'us-east-1', 'eu-west-1']);
  });

  it('labels a param by its description, the rest as help, not by its snake_case name', () => {
    const runbook: RunbookForForm = {
      id: 'lag.md',
      title: 'Lag',
      params: [
        {
          name: 'max_lag_ms',
          type: 'number',
          required: true,
          description: 'Most replica lag allowed; the switchover waits until the lag is below it',
        },
        { name: 'dry_window', type: 'duration', required: false },
      ],
    };
    setup({ runbook });
    const lag = screen.getByLabelText(/^Most replica lag allowed/) as HTMLInputElement;
    expect(lag.name).toBe('max_lag_ms');
    const help = document.getElementById(lag.getAttribute('aria-describedby')!)!;
    expect(help.textContent).toBe('The switchover waits until the lag is below it');
    expect(screen.queryByText('max_lag_ms')).toBeNull();
    // No description: the name in words, and no empty help.
    const window = screen.getByLabelText(/^Dry window/) as HTMLInputElement;
    expect(window.getAttribute('aria-describedby')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(screen.getByRole('alert').textContent).toBe('Most replica lag allowed is required');
  });

  it('does not ask for a param the host marks unavailable, says why, and submits without it', () => {
    const runbook: RunbookForForm = {
      id: 'switchover.md',
      title: 'Switchover',
      params: [
        { name: 'hold', type: 'duration', required: true, description: 'How long to hold writes' },
        {
          name: 'critical_tables',
          type: 'string',
          required: true,
          description: 'Tables whose row counts must match',
          needsConnections: ['blue', 'green'],
          unavailable: 'needs the blue and green connections, which are not configured',
        },
      ],
    };
    const submitted = setup({ runbook });
    expect(screen.queryByLabelText(/^Tables whose row counts/)).toBeNull();
    expect(screen.getByTestId('params-not-asked').textContent).toBe(
      'Not asked: tables whose row counts must match — needs the blue and green connections, which are not configured, so those checks are skipped.',
    );
    fireEvent.change(screen.getByLabelText(/^How long to hold writes/), { target: { value: '30s' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted).toEqual([[{ hold: '30s' }, { dryRun: false }]]);
  });

  it('never offers the writer as the reader a failover promotes, and says Aurora picks one when none is chosen', () => {
    const runbook: RunbookForForm = {
      ...FAILOVER,
      params: [
        { name: 'cluster', type: 'rds-cluster', required: true },
        { name: 'target', type: 'rds-instance', of: 'cluster', required: false, promotes: true, description: 'Reader to promote' },
      ],
    };
    setup({ runbook });
    const target = screen.getByLabelText(/^Reader to promote/) as HTMLSelectElement;
    expect(
      within(target)
        .getAllByRole('option')
        .map((o) => [(o as HTMLOptionElement).value, o.textContent?.split(' — ')[0]]),
    ).toEqual([
      ['', '(none: Aurora picks the reader)'],
      ['prod-app-2', 'prod-app-2'],
      ['prod-app-3', 'prod-app-3'],
      ['prod-app-4', 'prod-app-4'],
    ]);
  });
});
