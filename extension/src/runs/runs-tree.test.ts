import type { RunSummary } from '@switchyard/core';
import type { RolloutEntry } from '../rollouts/rollout-source';
import { RunsTreeProvider } from './runs-tree';

const run = (id: string, createdAt: string): RunSummary =>
  ({
    id,
    title: `Run ${id}`,
    status: 'succeeded',
    params: { cluster: 'prod-app' },
    createdAt,
    startedBy: 'alice',
  }) as unknown as RunSummary;

const rollout: RolloutEntry = {
  storeDir: '/ws/.switchyard',
  summary: {
    id: 'ro-20261205000000-abcdef',
    title: 'Upgrade payments',
    runbook: { file: 'runbooks/upgrade.md', title: 'Upgrade' },
    status: 'running',
    startedBy: 'bob',
    createdAt: '2026-12-05T00:00:00.000Z',
    updatedAt: '2026-12-05T00:01:00.000Z',
    counts: { pending: 3, starting: 0, running: 1, waiting: 0, succeeded: 1, failed: 0, 'guard-stopped': 0, aborted: 0, skipped: 0 },
    waves: 2,
  },
};

it('lists the rollouts first (click opens the board), then the runs newest first', async () => {
  const tree = new RunsTreeProvider(
    { list: async () => [run('r1', '2026-12-01T00:00:00Z'), run('r2', '2026-12-02T00:00:00Z')] },
    { list: async () => ({ rollouts: [rollout], problems: [] }) },
  );
  const children = await tree.getChildren();
  expect(children.map((c) => ('summary' in c ? c.summary.id : c.id))).toEqual(['ro-20261205000000-abcdef', 'r2', 'r1']);
  const item = tree.getTreeItem(children[0]);
  expect(item).toMatchObject({
    label: 'Rollout: Upgrade payments',
    description: 'running · 1/5 succeeded · 2 wave(s)',
    contextValue: 'rollout',
    command: { command: 'switchyard.openRollout', arguments: ['/ws/.switchyard', 'ro-20261205000000-abcdef'] },
  });
  expect(tree.getTreeItem(children[1])).toMatchObject({
    contextValue: 'run',
    command: { command: 'switchyard.openRun', arguments: ['r2'] },
  });
});

it('a store it cannot read is logged; the runs are listed all the same', async () => {
  const log = jest.fn();
  const tree = new RunsTreeProvider(
    { list: async () => [run('r1', '2026-12-01T00:00:00Z')] },
    { list: async () => ({ rollouts: [], problems: ['/ws/.switchyard: rollouts/ro-x.json is not JSON'] }) },
    log,
  );
  expect((await tree.getChildren()).length).toBe(1);
  expect(log).toHaveBeenCalledWith('rollouts not listed: /ws/.switchyard: rollouts/ro-x.json is not JSON');
});

it('while a listed rollout is running (the CLI drives it elsewhere), the view reads it again on its own; once it rests, it stops', async () => {
  let status: RolloutEntry['summary']['status'] = 'running';
  const tree = new RunsTreeProvider(
    { list: async () => [] },
    { list: async () => ({ rollouts: [{ ...rollout, summary: { ...rollout.summary, status } }], problems: [] }) },
    undefined,
    10,
  );
  const refreshed = jest.fn();
  tree.onDidChangeTreeData(refreshed);
  await tree.getChildren();
  await new Promise((r) => setTimeout(r, 50));
  expect(refreshed).toHaveBeenCalledTimes(1);
  status = 'succeeded';
  await tree.getChildren();
  await new Promise((r) => setTimeout(r, 50));
  expect(refreshed).toHaveBeenCalledTimes(1);
  tree.dispose();
});
