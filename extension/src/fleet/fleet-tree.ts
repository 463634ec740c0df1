import * as vscode from 'vscode';
import { fetchClusterView, fetchFleet, type Fleet } from '@switchyard/core';
import type { Target } from '../targets/target';
import type { TargetRegistry } from '../targets/target-registry';
import { explainFailure } from '../runs/explain-error';
import { actionNodes, blueGreenNodes, errorNode, targetChildren, globalNodes, instanceNodes, type FleetNode } from './fleet-nodes';

/** The Fleet view: targets → clusters → instances, Global Databases, Blue/Green deployments. */
export class FleetTreeProvider implements vscode.TreeDataProvider<FleetNode> {
  private readonly changed = new vscode.EventEmitter<FleetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly fleets = new Map<string, Promise<Fleet>>();

  constructor(
    private readonly targets: TargetRegistry,
    private readonly sandboxRunning: () => boolean,
  ) {}

  refresh(): void {
    this.fleets.clear();
    this.changed.fire(undefined);
  }

  /** The fleet of a target (cached until refresh); the panel's pickers use it too. */
  fleet(target: Target): Promise<Fleet> {
    let fleet = this.fleets.get(target.id);
    if (!fleet) {
      fleet = fetchFleet(target.gateway, { regions: [target.region] });
      fleet.catch(() => this.fleets.delete(target.id));
      this.fleets.set(target.id, fleet);
    }
    return fleet;
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    const collapsible =
      node.kind === 'target'
        ? node.running
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.None
        : node.kind === 'cluster' || node.kind === 'group'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : node.kind === 'message' && node.actions?.list.length
            ? vscode.TreeItemCollapsibleState.Expanded
            : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.description = node.description;
    switch (node.kind) {
      case 'target':
        item.id = `target/${node.targetId}`;
        item.iconPath = new vscode.ThemeIcon(node.sandbox ? 'beaker' : 'cloud');
        item.contextValue = node.sandbox ? (node.running ? 'sandbox-running' : 'sandbox-stopped') : 'target';
        if (node.sandbox && !node.running) item.command = { command: 'switchyard.startSandbox', title: 'Start sandbox' };
        break;
      case 'cluster':
        item.id = `${node.targetId}/cluster/${node.clusterId}`;
        item.iconPath = new vscode.ThemeIcon('database');
        item.tooltip = node.tooltip;
        item.contextValue = 'cluster';
        item.command = { command: 'switchyard.openClusterPanel', title: 'Open cluster panel', arguments: [node] };
        break;
      case 'instance':
        item.id = `${node.targetId}/instance/${node.instanceId}`;
        item.iconPath = new vscode.ThemeIcon(node.writer ? 'edit' : 'eye');
        item.contextValue = 'instance';
        break;
      case 'group':
        item.id = `${node.targetId}/group/${node.group}`;
        item.iconPath = new vscode.ThemeIcon(node.group === 'global' ? 'globe' : 'git-compare');
        break;
      case 'global':
        item.id = `${node.targetId}/global/${node.globalId}`;
        item.iconPath = new vscode.ThemeIcon('globe');
        item.contextValue = 'global';
        break;
      case 'blue-green':
        item.id = `${node.targetId}/blue-green/${node.deploymentId}`;
        item.iconPath = new vscode.ThemeIcon('git-compare');
        item.contextValue = 'blue-green';
        item.command = {
          command: 'switchyard.openClusterPanel',
          title: 'Open cluster panel',
          arguments: [{ targetId: node.targetId, clusterId: node.clusterId }],
        };
        break;
      case 'message':
        item.iconPath = new vscode.ThemeIcon(node.error ? 'warning' : 'info');
        item.tooltip = node.label;
        break;
      case 'action':
        item.iconPath = new vscode.ThemeIcon(ACTION_ICONS[node.action]);
        item.command = { command: 'switchyard.errorAction', title: node.action, arguments: [node.action, node.targetId] };
        break;
    }
    return item;
  }

  async getChildren(node?: FleetNode): Promise<FleetNode[]> {
    if (!node) return this.roots();
    if (node.kind === 'message') return actionNodes(node);
    if (node.kind === 'action') return [];
    const target = this.targets.get(node.targetId);
    if (!target) return [];
    try {
      switch (node.kind) {
        case 'target':
          return targetChildren(target.id, await this.fleet(target));
        case 'cluster':
          return instanceNodes(target.id, await fetchClusterView(target.gateway, node.clusterId, node.region));
        case 'group': {
          const fleet = await this.fleet(target);
          return node.group === 'global' ? globalNodes(target.id, fleet) : blueGreenNodes(target.id, fleet);
        }
        default:
          return [];
      }
    } catch (error) {
      const explained = explainFailure(error, target);
      // What went wrong first: a narrow sidebar cuts the end of the row (the tooltip has it all).
      return [errorNode({ ...explained, message: `${explained.message} (reading ${target.label})` }, target.id)];
    }
  }

  /** No target at all (the sandbox stopped, no AWS settings): no rows, so the view's welcome (Start sandbox) shows. */
  private roots(): FleetNode[] {
    const nodes: FleetNode[] = [];
    const sandbox = this.targets.get('sandbox');
    const aws = this.targets.list().some((t) => t.kind === 'aws');
    if (!this.sandboxRunning() && !aws) return [];
    nodes.push({
      kind: 'target',
      targetId: 'sandbox',
      label: 'Sandbox (demo fleet)',
      description: this.sandboxRunning() && sandbox ? `${sandbox.region} · ${sandbox.endpoint ?? ''}` : 'stopped — click to start',
      running: this.sandboxRunning(),
      sandbox: true,
    });
    for (const c of this.targets.list()) {
      if (c.kind === 'aws') {
        nodes.push({
          kind: 'target',
          targetId: c.id,
          label: c.label,
          description: `${c.region}${c.endpoint ? ` · ${c.endpoint}` : ''}`,
          running: true,
          sandbox: false,
        });
      }
    }
    return nodes;
  }
}

const ACTION_ICONS = { 'Start sandbox': 'play', 'Open settings': 'gear', 'Sign in': 'sign-in', 'Show log': 'output' } as const;
