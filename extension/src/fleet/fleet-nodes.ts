import { globalRole, type ClusterView, type Fleet } from '@switchyard/core';
import type { ErrorAction, ExplainedError } from '../runs/explain-error';

/** The Fleet view's items as plain data; the tree provider only turns them into TreeItems. */
export type FleetNode =
  | { kind: 'target'; targetId: string; label: string; description: string; running: boolean; sandbox: boolean }
  | { kind: 'cluster'; targetId: string; clusterId: string; region: string; label: string; description: string; tooltip: string }
  | { kind: 'instance'; targetId: string; clusterId: string; instanceId: string; label: string; description: string; writer: boolean }
  | { kind: 'group'; targetId: string; group: 'global' | 'blue-green'; label: string; description: string }
  | { kind: 'global'; targetId: string; globalId: string; label: string; description: string }
  | { kind: 'blue-green'; targetId: string; deploymentId: string; clusterId: string; label: string; description: string }
  | { kind: 'message'; label: string; description: string; error: boolean; actions?: { targetId?: string; list: ErrorAction[] } }
  | { kind: 'action'; label: string; description: string; action: ErrorAction; targetId?: string };

/** An error row that says what went wrong in plain words, with its ways forward as child rows. */
export function errorNode(explained: ExplainedError, targetId?: string): FleetNode {
  return { kind: 'message', label: explained.message, description: '', error: true, actions: { targetId, list: explained.actions } };
}

/** The rows under an error row: one per action (Sign in, Start sandbox…), each runs it when clicked. */
export function actionNodes(node: Extract<FleetNode, { kind: 'message' }>): FleetNode[] {
  return (node.actions?.list ?? []).map((action) => ({
    kind: 'action',
    label: action,
    description: '',
    action,
    targetId: node.actions?.targetId,
  }));
}

/** A target's children: its clusters, then the Global Databases and Blue/Green groups when there are any. */
export function targetChildren(targetId: string, fleet: Fleet): FleetNode[] {
  const clusters: FleetNode[] = [...fleet.clusters]
    .sort((a, b) => a.clusterId.localeCompare(b.clusterId))
    .map((c) => ({
      kind: 'cluster',
      targetId,
      clusterId: c.clusterId,
      region: c.region,
      label: c.clusterId,
      description: [
        c.greenOf ? `green of ${c.greenOf}` : '',
        c.oldEnvironmentOf ? `old environment of ${c.oldEnvironmentOf} (rollback window)` : '',
        globalRole(c) === 'secondary' ? `global secondary of ${c.globalClusterId} (read-only)` : '',
        `${c.instances} instance${c.instances === 1 ? '' : 's'}`,
        c.status,
        c.region,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip:
        globalRole(c) === 'secondary'
          ? `${c.clusterId} (${c.engine} ${c.engineVersion}) in ${c.region}: ${c.status}; a secondary of the Global Database ${c.globalClusterId}: read-only, no writer until it is promoted (promote-global.md)`
          : `${c.clusterId} (${c.engine} ${c.engineVersion}) in ${c.region}: ${c.status}; writer ${c.writer ?? 'none'}`,
    }));
  const globals = globalNodes(targetId, fleet);
  const deployments = blueGreenNodes(targetId, fleet);
  const groups: FleetNode[] = [];
  if (globals.length)
    groups.push({ kind: 'group', targetId, group: 'global', label: 'Global Databases', description: String(globals.length) });
  if (deployments.length)
    groups.push({
      kind: 'group',
      targetId,
      group: 'blue-green',
      label: 'Blue/Green deployments',
      description: String(deployments.length),
    });
  const warnings: FleetNode[] = (fleet.warnings ?? []).map((w) => ({ kind: 'message', label: w, description: '', error: true }));
  return [...clusters, ...groups, ...warnings];
}

/** One node per Global Database, naming its member clusters and their regions. */
export function globalNodes(targetId: string, fleet: Fleet): FleetNode[] {
  const byGlobal = new Map<string, string[]>();
  for (const c of fleet.clusters) {
    // A green of a Global Database primary sits in the green's own global database: it shows with its deployment.
    if (c.greenOf) continue;
    if (c.globalClusterId) byGlobal.set(c.globalClusterId, [...(byGlobal.get(c.globalClusterId) ?? []), `${c.clusterId} (${c.region})`]);
  }
  return [...byGlobal.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([globalId, members]) => ({ kind: 'global', targetId, globalId, label: globalId, description: members.join(', ') }));
}

/** One node per Blue/Green deployment not yet deleted, with its stage and blue → green. */
export function blueGreenNodes(targetId: string, fleet: Fleet): FleetNode[] {
  const seen = new Set<string>();
  const nodes: FleetNode[] = [];
  for (const c of fleet.clusters) {
    if (c.greenOf) continue;
    for (const d of c.blueGreen) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      nodes.push({
        kind: 'blue-green',
        targetId,
        deploymentId: d.id,
        clusterId: c.clusterId,
        label: d.name || d.id,
        description: `${d.stage} · ${c.clusterId} → ${d.target.split(':').pop() ?? d.target}`,
      });
    }
  }
  return nodes;
}

/** A cluster's instances, writer first: role, AZ, class and promotion tier. */
export function instanceNodes(targetId: string, view: ClusterView): FleetNode[] {
  return [...view.members]
    .sort((a, b) => Number(b.isWriter) - Number(a.isWriter) || a.tier - b.tier || a.id.localeCompare(b.id))
    .map((m) => ({
      kind: 'instance',
      targetId,
      clusterId: view.id,
      instanceId: m.id,
      label: m.id,
      writer: m.isWriter,
      description: [m.isWriter ? 'writer' : 'reader', m.az, m.class, `tier ${m.tier}`, m.status === 'available' ? '' : m.status]
        .filter(Boolean)
        .join(' · '),
    }));
}
