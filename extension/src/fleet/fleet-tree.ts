import * as vscode from 'vscode';
import { fetchClusterView, fetchFleet, type Fleet } from '@switchyard/core';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connection-registry';
import { blueGreenNodes, connectionChildren, globalNodes, instanceNodes, type FleetNode } from './fleet-nodes';

/** The Fleet view: connections → clusters → instances, Global Databases, Blue/Green deployments. */
export class FleetTreeProvider implements vscode.TreeDataProvider<FleetNode> {
  private readonly changed = new vscode.EventEmitter<FleetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly fleets = new Map<string, Promise<Fleet>>();

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly sandboxRunning: () => boolean,
  ) {}

  refresh(): void {
    this.fleets.clear();
    this.changed.fire(undefined);
  }

  /** The fleet of a connection (cached until refresh); the panel's pickers use it too. */
  fleet(connection: Connection): Promise<Fleet> {
    let fleet = this.fleets.get(connection.id);
    if (!fleet) {
      fleet = fetchFleet(connection.gateway, { regions: [connection.region] });
      fleet.catch(() => this.fleets.delete(connection.id));
      this.fleets.set(connection.id, fleet);
    }
    return fleet;
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    const collapsible =
      node.kind === 'connection'
        ? node.running
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.None
        : node.kind === 'cluster' || node.kind === 'group'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.description = node.description;
    switch (node.kind) {
      case 'connection':
        item.id = `connection/${node.connectionId}`;
        item.iconPath = new vscode.ThemeIcon(node.sandbox ? 'beaker' : 'cloud');
        item.contextValue = node.sandbox ? (node.running ? 'sandbox-running' : 'sandbox-stopped') : 'connection';
        if (node.sandbox && !node.running) item.command = { command: 'switchyard.startSandbox', title: 'Start sandbox' };
        break;
      case 'cluster':
        item.id = `${node.connectionId}/cluster/${node.clusterId}`;
        item.iconPath = new vscode.ThemeIcon('database');
        item.tooltip = node.tooltip;
        item.contextValue = 'cluster';
        item.command = { command: 'switchyard.openClusterPanel', title: 'Open cluster panel', arguments: [node] };
        break;
      case 'instance':
        item.id = `${node.connectionId}/instance/${node.instanceId}`;
        item.iconPath = new vscode.ThemeIcon(node.writer ? 'edit' : 'eye');
        item.contextValue = 'instance';
        break;
      case 'group':
        item.id = `${node.connectionId}/group/${node.group}`;
        item.iconPath = new vscode.ThemeIcon(node.group === 'global' ? 'globe' : 'git-compare');
        break;
      case 'global':
        item.id = `${node.connectionId}/global/${node.globalId}`;
        item.iconPath = new vscode.ThemeIcon('globe');
        item.contextValue = 'global';
        break;
      case 'blue-green':
        item.id = `${node.connectionId}/blue-green/${node.deploymentId}`;
        item.iconPath = new vscode.ThemeIcon('git-compare');
        item.contextValue = 'blue-green';
        item.command = {
          command: 'switchyard.openClusterPanel',
          title: 'Open cluster panel',
          arguments: [{ connectionId: node.connectionId, clusterId: node.clusterId }],
        };
        break;
      case 'message':
        item.iconPath = new vscode.ThemeIcon(node.error ? 'warning' : 'info');
        item.tooltip = node.label;
        break;
    }
    return item;
  }

  async getChildren(node?: FleetNode): Promise<FleetNode[]> {
    if (!node) return this.roots();
    const connection = 'connectionId' in node ? this.connections.get(node.connectionId) : undefined;
    if (!connection) return [];
    try {
      switch (node.kind) {
        case 'connection':
          return connectionChildren(connection.id, await this.fleet(connection));
        case 'cluster':
          return instanceNodes(connection.id, await fetchClusterView(connection.gateway, node.clusterId, node.region));
        case 'group': {
          const fleet = await this.fleet(connection);
          return node.group === 'global' ? globalNodes(connection.id, fleet) : blueGreenNodes(connection.id, fleet);
        }
        default:
          return [];
      }
    } catch (error) {
      return [{ kind: 'message', label: `Could not read from ${connection.label}: ${message(error)}`, description: '', error: true }];
    }
  }

  private roots(): FleetNode[] {
    const nodes: FleetNode[] = [];
    const sandbox = this.connections.get('sandbox');
    nodes.push({
      kind: 'connection',
      connectionId: 'sandbox',
      label: 'Sandbox (demo fleet)',
      description: this.sandboxRunning() && sandbox ? `${sandbox.region} · ${sandbox.endpoint ?? ''}` : 'stopped — click to start',
      running: this.sandboxRunning(),
      sandbox: true,
    });
    for (const c of this.connections.list()) {
      if (c.kind === 'aws') {
        nodes.push({
          kind: 'connection',
          connectionId: c.id,
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

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
