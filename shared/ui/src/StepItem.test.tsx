import { render, screen, within } from '@testing-library/react';
import { StepItem } from './StepItem';
import { RunView } from './RunView';
import { run, step } from './test-fixtures';

const T0 = Date.parse('2024-05-02T12:01:00.000Z');
const BOB = { approve: true, control: true, user: 'bob' };

describe('StepItem: a wait shows what it waits for, not only a spinner', () => {
  const waiting = step('wait_writer', {
    name: 'Wait for the new writer',
    status: 'waiting',
    attempts: 1,
    startedAt: '2024-05-02T12:00:30.000Z',
    waitStartedAt: '2024-05-02T12:00:30.000Z',
    waitProgress: {
      condition: 'cluster.status is "available" and cluster.writer is "prod-app-2"',
      observed: ['cluster.status = "failing-over"', 'cluster.writer = "prod-app-1"'],
      checkedAt: '2024-05-02T12:00:57.000Z',
      deadline: '2024-05-02T12:05:30.000Z',
      polls: 7,
    },
  });

  it('says the condition in words, the latest observed values with their time, and the time left', () => {
    render(<StepItem step={waiting} now={T0} current />);
    const wait = screen.getByTestId('wait-progress');
    expect(wait.textContent).toContain('Waiting until cluster.status is "available" and cluster.writer is "prod-app-2"');
    expect(wait.textContent).toContain('Latest (12:00:57 UTC, poll 7): cluster.status = "failing-over", cluster.writer = "prod-app-1"');
    expect(wait.textContent).toContain('gives up in 4m 30s (at 12:05:30 UTC)');
    expect(
      within(wait)
        .getAllByRole('time')
        .map((t) => t.getAttribute('datetime')),
    ).toEqual(['2024-05-02T12:00:57.000Z', '2024-05-02T12:05:30.000Z']);
  });

  it('counts a `for:` hold, and says when time is up', () => {
    const holding = { ...waiting, waitProgress: { ...waiting.waitProgress!, holdingSince: '2024-05-02T12:00:45.000Z' } };
    render(<StepItem step={holding} now={Date.parse('2024-05-02T12:06:00.000Z')} current />);
    expect(screen.getByTestId('wait-progress').textContent).toContain('Holding for 5m 15s; time is up: the step fails at the next poll');
  });

  it('shows no progress once the step is no longer waiting (a stale record is not news)', () => {
    render(<StepItem step={{ ...waiting, status: 'failed', error: 'wait timed out' }} now={T0} current />);
    expect(screen.queryByTestId('wait-progress')).toBeNull();
  });
});

describe('a failed guard is said once', () => {
  const error = 'guard failed: the writer is prod-app-2 (cluster.writer == "prod-app-2")';
  const failed = run({
    status: 'failed',
    error,
    current: 0,
    steps: [
      step('verify', {
        name: 'Verify the new writer',
        status: 'failed',
        attempts: 1,
        startedAt: '2024-05-02T12:00:00.000Z',
        endedAt: '2024-05-02T12:00:01.000Z',
        error,
        log: [
          { at: '2024-05-02T12:00:00.500Z', level: 'info', text: 'guard ok: cluster.status == "available"' },
          { at: '2024-05-02T12:00:01.000Z', level: 'error', text: error },
        ],
      }),
    ],
  });

  it('at the step, with the header pointing there and the log not repeating it', () => {
    const { container } = render(<RunView run={failed} permissions={BOB} onAction={() => undefined} now={T0} />);
    const text = container.textContent ?? '';
    // The audit trail is empty here: the expression shows once, in the step's error.
    expect(text.split('cluster.writer == "prod-app-2"').length - 1).toBe(1);
    expect(screen.getAllByRole('alert')[0].textContent).toBe('Step "Verify the new writer" failed: its error is shown at the step below.');
    expect(within(screen.getByRole('list', { name: 'Log of Verify the new writer' })).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText('Output and log (1 line)')).toBeTruthy();
  });

  it('a run error that is no step’s error stays in the header', () => {
    render(<RunView run={{ ...failed, error: 'lock held by run r0' }} permissions={BOB} onAction={() => undefined} now={T0} />);
    expect(screen.getAllByRole('alert')[0].textContent).toBe('lock held by run r0');
  });
});
