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
    const cluster = screen.getByLabelText(/^cluster/) as HTMLSelectElement;
    expect(cluster.tagName).toBe('SELECT');
    expect(cluster.value).toBe('prod-app');
    const target = screen.getByLabelText(/^target/) as HTMLSelectElement;
    const options = within(target)
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['', 'prod-app-1', 'prod-app-2', 'prod-app-3', 'prod-app-4']);
    expect(within(target).getByRole('option', { name: /prod-app-2 — reader, db\.r6g\.large, us-east-1b, tier 1/ })).toBeTruthy();
    expect(screen.getByText('Reader to promote')).toBeTruthy();
  });

  it('falls back to a text box for members of a cluster it has no topology for', () => {
    setup({ clusters: [{ clusterId: 'other-db', region: 'eu-west-1' }] });
    fireEvent.change(screen.getByLabelText(/^cluster/), { target: { value: 'other-db' } });
    const target = screen.getByLabelText(/^target/) as HTMLInputElement;
    expect(target.tagName).toBe('INPUT');
    expect(target.value).toBe('');
  });

  it('edits a `sql` param in a multi-line text area and submits the SQL as typed', () => {
    const runbook: RunbookForForm = {
      id: 'replay.md',
      title: 'Replay',
      params: [{ name: 'replay_query', type: 'sql', required: true, description: 'Runs as is, read-only' }],
    };
    const submitted = setup({ runbook });
    const field = screen.getByLabelText(/^replay_query/) as HTMLTextAreaElement;
    expect(field.tagName).toBe('TEXTAREA');
    fireEvent.change(field, { target: { value: "select id\nfrom orders where status = 'paid'" } });
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted[0][0]).toEqual({ replay_query: "select id\nfrom orders where status = 'paid'" });
  });

  it('uses defaults, enum choices and typed inputs', () => {
    setup();
    expect((screen.getByLabelText(/^max_lag_ms/) as HTMLInputElement).value).toBe('1000');
    expect((screen.getByLabelText(/^max_lag_ms/) as HTMLInputElement).type).toBe('number');
    expect((screen.getByLabelText(/^force/) as HTMLInputElement).type).toBe('checkbox');
    const mode = screen.getByLabelText(/^mode/) as HTMLSelectElement;
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
    const input = screen.getByLabelText(/^password/) as HTMLInputElement;
    expect([input.type, input.autocomplete]).toEqual(['password', 'off']);
    fireEvent.change(input, { target: { value: 'hunter2-hunter2' } });
    fireEvent.submit(input.closest('form')!);
    expect(submitted[0][0]).toEqual({ password: 'hunter2-hunter2' });
  });

  it('refuses to submit without the required values and says which', () => {
    const submitted = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted).toEqual([]);
    expect(screen.getByText('hold is required')).toBeTruthy();
    expect(screen.getByText('mode is required')).toBeTruthy();
    expect(screen.getByLabelText(/^hold/).getAttribute('aria-invalid')).toBe('true');
  });

  it('rejects a malformed duration', () => {
    const submitted = setup();
    fireEvent.change(screen.getByLabelText(/^hold/), { target: { value: 'two minutes' } });
    fireEvent.change(screen.getByLabelText(/^mode/), { target: { value: 'planned' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('hold must be a duration like 30s, 2m, 1h30m or a number of seconds');
  });

  it('submits typed values, leaving out empty optional ones', () => {
    const submitted = setup({ allowDryRun: true });
    fireEvent.change(screen.getByLabelText(/^target/), { target: { value: 'prod-app-2' } });
    fireEvent.change(screen.getByLabelText(/^max_lag_ms/), { target: { value: '250' } });
    fireEvent.change(screen.getByLabelText(/^hold/), { target: { value: '2m' } });
    fireEvent.click(screen.getByLabelText(/^force/));
    fireEvent.change(screen.getByLabelText(/^mode/), { target: { value: 'emergency' } });
    fireEvent.click(screen.getByLabelText(/Dry run/));
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    expect(submitted).toEqual([
      [{ cluster: 'prod-app', target: 'prod-app-2', max_lag_ms: 250, hold: '2m', force: true, mode: 'emergency' }, { dryRun: true }],
    ]);
  });

  it('clears the chosen instance when the cluster changes', () => {
    setup({ clusters: [{ clusterId: 'other-db', region: 'eu-west-1' }] });
    fireEvent.change(screen.getByLabelText(/^target/), { target: { value: 'prod-app-3' } });
    fireEvent.change(screen.getByLabelText(/^cluster/), { target: { value: 'other-db' } });
    fireEvent.change(screen.getByLabelText(/^cluster/), { target: { value: 'prod-app' } });
    expect((screen.getByLabelText(/^target/) as HTMLSelectElement).value).toBe('');
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
    const bg = screen.getByLabelText(/^deployment/) as HTMLSelectElement;
    expect(bg.value).toBe('bgd-abc123');
    expect(within(bg).getByRole('option', { name: 'pg16-upgrade (ready)' })).toBeTruthy();
    expect((screen.getByLabelText(/^global/) as HTMLSelectElement).value).toBe('prod-global');
    const region = screen.getByLabelText(/^region/) as HTMLSelectElement;
    expect(
      within(region)
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual(['', 'us-east-1', 'eu-west-1']);
  });
});
