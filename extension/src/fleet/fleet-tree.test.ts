import * as vscode from 'vscode';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { TargetRegistry } from '../targets/target-registry';
import type { FleetNode } from './fleet-nodes';
import { FleetTreeProvider } from './fleet-tree';

let sim: RunningSimulator;
beforeAll(async () => (sim = await startSimulator({ fleet: 'demo' })));
afterAll(() => sim.stop());

describe('FleetTreeProvider', () => {
  it('offers to start the stopped sandbox, then lists its clusters and their instances; read errors become a visible item', async () => {
    const targets = new TargetRegistry((g) => g);
    let running = false;
    const tree = new FleetTreeProvider(targets, () => running);

    // Nothing to show: no rows, so the view's welcome content (Start sandbox) appears.
    expect(await tree.getChildren()).toEqual([]);
    // With an AWS target, the stopped sandbox stays offered as a row.
    targets.setAwsSettings({ profile: '', region: 'us-east-1', endpoint: sim.url });
    const [stopped] = await tree.getChildren();
    expect(tree.getTreeItem(stopped)).toMatchObject({ contextValue: 'sandbox-stopped', command: { command: 'switchyard.startSandbox' } });
    targets.setAwsSettings({ profile: '', region: '', endpoint: '' });

    targets.setSandbox(sim.url, 1);
    running = true;
    const [sandbox] = await tree.getChildren();
    expect(tree.getTreeItem(sandbox).contextValue).toBe('sandbox-running');
    const clusters = await tree.getChildren(sandbox);
    const prodApp = clusters.find((c) => c.label === 'prod-app')!;
    expect(tree.getTreeItem(prodApp)).toMatchObject({
      contextValue: 'cluster',
      command: { command: 'switchyard.openClusterPanel', arguments: [prodApp] },
    });
    expect((await tree.getChildren(prodApp)).map((i) => i.label)).toEqual(['prod-app-0', 'prod-app-1', 'prod-app-2', 'prod-app-analytics']);

    const missing: FleetNode = { ...prodApp, clusterId: 'no-such-cluster' } as FleetNode;
    const [error] = await tree.getChildren(missing);
    expect(error).toMatchObject({ kind: 'message', error: true });
    expect(error.label).toMatch(/no-such-cluster.* \(reading Sandbox \(demo fleet\)\)$/);
    expect((await tree.getChildren(error)).map((a) => a.label)).toEqual(['Show log']);

    // The sandbox's simulator is gone: the error row says so in plain words and offers to start it.
    const gone = await startSimulator({ fleet: 'demo' });
    targets.setSandbox(gone.url, 1);
    await gone.stop();
    tree.refresh();
    const [orphan] = await tree.getChildren();
    const [refused] = await tree.getChildren(orphan);
    expect(refused.label).toMatch(/^The sandbox does not answer .*Start it again.*\(reading Sandbox \(demo fleet\)\)$/);
    expect(tree.getTreeItem(refused).collapsibleState).toBe(vscode.TreeItemCollapsibleState.Expanded);
    const actions = await tree.getChildren(refused);
    expect(actions.map((a) => a.label)).toEqual(['Start sandbox', 'Show log']);
    expect(tree.getTreeItem(actions[0]).command).toMatchObject({
      command: 'switchyard.errorAction',
      arguments: ['Start sandbox', 'sandbox'],
    });
    targets.dispose();
  });
});
