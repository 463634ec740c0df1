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
  expect(children.map((c) => ('summary' in c ? c.summary.id : 'id' in c ? c.id : ''))).toEqual(['ro-20261205000000-abcdef', 'r2', 'r1']);
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
  tree.dispose(); // the running rollout's poll
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

it('a store with older rollouts ends them with "More rollouts…", which asks that store (only) for one more page', async () => {
  const asked: Array<Map<string, number>> = [];
  const other = {
    ...rollout,
    storeDir: '/ops/store',
    summary: { ...rollout.summary, id: 'ro-20261204000000-abcdef', status: 'succeeded' as const },
  };
  const tree = new RunsTreeProvider(
    { list: async () => [run('r1', '2026-12-01T00:00:00Z')] },
    {
      list: async (pages) => {
        asked.push(new Map(pages));
        return {
          rollouts: [{ ...rollout, summary: { ...rollout.summary, status: 'succeeded' } }, other],
          problems: [],
          older: pages.get('/ws/.switchyard') ? [] : ['/ws/.switchyard', '/ops/store'],
        };
      },
    },
  );
  const refreshed = jest.fn();
  tree.onDidChangeTreeData(refreshed);
  const children = await tree.getChildren();
  expect(children.map((c) => ('summary' in c ? c.summary.id : 'moreRolloutsIn' in c ? `more ${c.moreRolloutsIn}` : c.id))).toEqual([
    'ro-20261205000000-abcdef',
    'ro-20261204000000-abcdef',
    'more /ws/.switchyard',
    'more /ops/store',
    'r1',
  ]);
  const more = tree.getTreeItem(children[2]);
  expect(more).toMatchObject({
    label: 'More rollouts…',
    contextValue: 'moreRollouts',
    command: { command: 'switchyard.moreRollouts', arguments: ['/ws/.switchyard'] },
  });
  expect(more.id).not.toBe(tree.getTreeItem(children[3]).id);
  tree.showMoreRollouts('/ws/.switchyard');
  expect(refreshed).toHaveBeenCalledTimes(1);
  const after = await tree.getChildren();
  expect(asked).toEqual([new Map(), new Map([['/ws/.switchyard', 2]])]);
  expect(after.filter((c) => 'moreRolloutsIn' in c)).toEqual([]);
  tree.showMoreRollouts('/ws/.switchyard');
  await tree.getChildren();
  expect(asked[2]).toEqual(new Map([['/ws/.switchyard', 3]]));
  tree.dispose();
});
