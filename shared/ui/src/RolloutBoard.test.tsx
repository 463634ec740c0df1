import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Rollout, RolloutControl } from '@switchyard/core';
// The rules from the core's sources (its Node entry loads the AWS SDK, which jsdom cannot).
import { clusterControlEffects, rolloutControlEffects } from '../../core/src/rollout/control-effect';
import { rolloutProgress } from '../../core/src/rollout/progress';
import { RolloutBoard, type RolloutBoardProps } from './RolloutBoard';
import { rollout } from './test-fixtures';

// The host computes progress and effects with the core (as the VS Code extension and the Backstage backend do); the rules'
// modules load the CEL library (for plans), which they never call here and jsdom's CommonJS cannot load.
jest.mock('@marcbachmann/cel-js', () => ({}));

// jsdom has no structuredClone; a rollout is plain JSON.
globalThis.structuredClone ??= <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const NOW = Date.parse('2024-05-02T12:05:00.000Z');

/** The board as a host renders it: progress and effects from the core's rules. */
function board(r: Rollout, more: Partial<RolloutBoardProps> = {}) {
  const sent: RolloutControl[] = [];
  render(
    <RolloutBoard
      rollout={r}
      progress={rolloutProgress(r, new Date(NOW))}
      controls={rolloutControlEffects(r)}
      clusterControls={Object.fromEntries(r.clusters.map((c) => [c.id, clusterControlEffects(r, c)]))}
      onControl={(c) => void sent.push(c)}
      now={NOW}
      {...more}
    />,
  );
  return sent;
}

it('shows the status and why, counts, the spent budget, and each wave with its clusters', () => {
  board(rollout());
  expect(screen.getByTestId('rollout-status').textContent).toBe('halted');
  expect(screen.getByTestId('rollout-reason').textContent).toBe('1 cluster(s) failed; the budget allows 1');
  expect(screen.getByTestId('rollout-counts').textContent).toBe(
    '1 succeeded · 1 running · 0 waiting · 1 failed · 0 guard-stopped · 0 skipped · 0 aborted · 1 pending',
  );
  expect(screen.getByTestId('rollout-budget').textContent).toBe('budget: failures 1/1, guard stops 0/1');
  expect(screen.getByTestId('rollout-budget').className).toContain('sy-tone--error');
  expect(within(screen.getByTestId('wave-1')).getByRole('heading').textContent).toBe('Wave 1 (1) · done');
  expect(within(screen.getByTestId('wave-2')).getByRole('heading').textContent).toBe('Wave 2 (3) · current');
  const c2 = screen.getByTestId('cluster-c2');
  expect(c2.getAttribute('data-status')).toBe('failed');
  expect(c2.textContent).toContain('1m 00s');
  expect(c2.textContent).toContain('InvalidDBClusterStateFault: the cluster is busy');
  // A running cluster shows its step and how long so far.
  expect(screen.getByTestId('cluster-c3').textContent).toMatch(/Upgrade/);
  expect(screen.getByTestId('cluster-c3').textContent).toContain('3m 00s');
});

it('offers exactly the controls the core says apply: retry and abort here, no resume while the budget is spent', () => {
  board(rollout());
  const labels = within(screen.getByTestId('rollout-controls'))
    .getAllByRole('button')
    .map((b) => b.textContent);
  expect(labels).toEqual(['Retry 1 cluster(s)', 'Abort rollout', 'Abort rollout and its runs']);
  expect(
    within(screen.getByTestId('cluster-c2'))
      .getAllByRole('button')
      .map((b) => b.textContent),
  ).toEqual(['ro-20240502120000-abcdef-c0002', 'Retry', 'Skip'].filter((t) => t !== 'ro-20240502120000-abcdef-c0002'));
  expect(within(screen.getByTestId('cluster-c3')).queryAllByRole('button')).toEqual([]);
});

it('sends an unconfirmed control on click; the tooltip says what it does', () => {
  const sent = board(rollout());
  const retry = screen.getByRole('button', { name: 'Retry 1 cluster(s)' });
  expect(retry.getAttribute('title')).toMatch(/c2: a fresh run starts from the first step, reading the cluster as it is now/);
  fireEvent.click(retry);
  expect(sent).toEqual([{ action: 'retry' }]);
});

it('asks before a skip, inline, with the core’s words; a reason is required and goes with the control', () => {
  const sent = board(rollout());
  fireEvent.click(within(screen.getByTestId('cluster-c2')).getByRole('button', { name: 'Skip' }));
  const dialog = screen.getByRole('dialog');
  expect(within(dialog).getByRole('heading').textContent).toBe('Skip c2 in "Upgrade payments to 16.4"?');
  expect(dialog.textContent).toContain('Its failed run ro-20240502120000-abcdef-c0002 is aborted, releasing its locks');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Skip' }));
  expect(within(dialog).getByRole('alert').textContent).toBe('A reason is required to skip a cluster; it is kept in the audit trail');
  expect(sent).toEqual([]);
  // A reason that looks like a flag, with a quote and a newline, is sent as typed (trimmed).
  fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: ' --force "now"\nby hand ' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Skip' }));
  expect(sent).toEqual([{ action: 'skip', cluster: 'c2', reason: '--force "now"\nby hand' }]);
  expect(screen.queryByRole('dialog')).toBeNull();
});

it('abort asks first; Cancel sends nothing', () => {
  const sent = board(rollout());
  fireEvent.click(screen.getByRole('button', { name: 'Abort rollout and its runs' }));
  const dialog = screen.getByRole('dialog');
  expect(dialog.textContent).toContain('The 1 run(s) in progress are aborted where they are (c3)');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(sent).toEqual([]);
  fireEvent.click(screen.getByRole('button', { name: 'Abort rollout' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Abort rollout' }));
  expect(sent).toEqual([{ action: 'abort', abortRuns: false }]);
});

it('with confirmInHost, a confirmed control is handed to the host (asked once, there), and its refusal is shown', async () => {
  const asked: string[] = [];
  const sent = board(rollout(), {
    confirmInHost: (e) => {
      asked.push(e.label);
      return Promise.reject(new Error('rollout ro-… changed meanwhile'));
    },
  });
  await act(async () => fireEvent.click(within(screen.getByTestId('cluster-c2')).getByRole('button', { name: 'Skip' })));
  expect(asked).toEqual(['Skip']);
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(sent).toEqual([]);
  expect(screen.getByRole('alert').textContent).toBe('Skip failed: rollout ro-… changed meanwhile');
});

it('read-only when the host says controls are unavailable; a run opens through the host', () => {
  const opened: string[] = [];
  board(rollout(), { unavailable: 'The store is not writable here', onOpenRun: (id) => opened.push(id) });
  expect(screen.getByRole('status').textContent).toBe('The store is not writable here');
  for (const b of within(screen.getByTestId('rollout-controls')).getAllByRole('button'))
    expect((b as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'ro-20240502120000-abcdef-c0003' }));
  expect(opened).toEqual(['ro-20240502120000-abcdef-c0003']);
});

it('a retried cluster says so, naming its earlier runs', () => {
  const r = rollout();
  r.clusters[2] = {
    ...r.clusters[2],
    retries: 1,
    previousRuns: ['ro-20240502120000-abcdef-c0003'],
    runId: 'ro-20240502120000-abcdef-c0003-r1',
  };
  board(r);
  expect(screen.getByTestId('cluster-c3').textContent).toContain(
    'retried 1× (earlier: ro-20240502120000-abcdef-c0003) · ro-20240502120000-abcdef-c0003-r1',
  );
});
