import { applyRolloutControl } from './controls';
import { clusterControlEffects, rolloutControlEffects } from './control-effect';
import { testRollout } from './testing';

const NOW = new Date('2026-12-05T01:00:00Z');
const actions = (effects: ReturnType<typeof rolloutControlEffects>) =>
  effects.map((e) => e.control.action + ('abortRuns' in e.control && e.control.abortRuns ? '+runs' : ''));

it('offers exactly the controls the transition accepts: running → pause and abort; paused → resume and abort', () => {
  const running = testRollout(3);
  expect(actions(rolloutControlEffects(running))).toEqual(['pause', 'abort', 'abort+runs']);
  const paused = applyRolloutControl(running, { action: 'pause' }, 'alice', NOW);
  expect(actions(rolloutControlEffects(paused))).toEqual(['resume', 'abort', 'abort+runs']);
  const aborted = applyRolloutControl(running, { action: 'abort', abortRuns: false }, 'alice', NOW);
  expect(rolloutControlEffects(aborted)).toEqual([]);
});

it('says which runs an abort with runs stops, and offers retry and skip on a failed cluster only', () => {
  const r = testRollout(3);
  r.clusters[0] = { ...r.clusters[0], status: 'running', runId: 'run-1' };
  r.clusters[1] = { ...r.clusters[1], status: 'failed', runId: 'run-2', reason: 'boom' };
  const abortRuns = rolloutControlEffects(r).find((e) => e.label === 'Abort rollout and its runs')!;
  expect(abortRuns.effects.join(' ')).toContain('(c01)');
  expect(rolloutControlEffects(r).map((e) => e.label)).toContain('Retry 1 cluster(s)');
  expect(clusterControlEffects(r, r.clusters[0])).toEqual([]); // a run in progress: abort the run first
  const failed = clusterControlEffects(r, r.clusters[1]);
  expect(failed.map((e) => e.control)).toEqual([
    { action: 'retry', clusters: ['c02'] },
    { action: 'skip', cluster: 'c02', reason: '' },
  ]);
  expect(failed.find((e) => e.control.action === 'skip')?.reasonRequired).toBe(true);
});

it('offers the wave approval only behind an approval gate, naming the wave', () => {
  const gated = testRollout(3, { gate: { kind: 'approval' } });
  gated.clusters[0] = { ...gated.clusters[0], status: 'succeeded', endedAt: NOW.toISOString() };
  const approve = rolloutControlEffects(gated).find((e) => e.control.action === 'approve');
  expect(approve?.label).toBe('Approve wave 2');
  expect(rolloutControlEffects(testRollout(3)).some((e) => e.control.action === 'approve')).toBe(false);
});
