import type { CostReport, Topology } from '@switchyard/core';
import type { ClusterCost } from '../webview/protocol';

/**
 * The part of a cost report about one cluster: the greens of its Blue/Green deployments and its
 * old blues (`<cluster>-oldN`), with their findings and billed actuals.
 */
export function clusterCost(report: CostReport, clusterId: string, topology?: Topology): ClusterCost {
  const greens = new Set((topology?.blueGreen ?? []).map((p) => p.green?.clusterId).filter((id): id is string => Boolean(id)));
  const migrations = new Set((topology?.blueGreen ?? []).map((p) => p.deployment.name));
  const oldBlue = new RegExp(`^${clusterId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-old\\d+$`);
  const ours = (id: string, migration: string) => id === clusterId || greens.has(id) || oldBlue.test(id) || migrations.has(migration);
  const environments = report.environments.filter((e) => ours(e.clusterId, e.migration));
  const names = new Set(environments.map((e) => e.migration));
  return {
    environments,
    findings: report.findings.filter((f) => ours(f.clusterId, f.migration)),
    actuals: Array.isArray(report.actuals) ? report.actuals.filter((a) => names.has(a.migration)) : report.actuals,
    included: report.included,
    excluded: report.excluded,
    // This cluster's environments' own, so the panel is partial only for what it shows.
    missing: environments.flatMap((e) => e.missing ?? []),
  };
}
