import type { RunbookSummary, Topology } from '@switchyard/backstage-plugin-switchyard-common';

/** Runbooks that fit this database's shape: every cluster; Global Database and Blue/Green ones only when it has them. */
export function applicableRunbooks(runbooks: RunbookSummary[], topology: Topology | undefined): RunbookSummary[] {
  const shapes = new Set(['cluster']);
  if (topology?.global) shapes.add('global');
  if (topology && topology.blueGreen.length > 0) shapes.add('blue-green');
  return runbooks.filter((r) => r.appliesTo.length === 0 || r.appliesTo.some((a) => shapes.has(a)));
}
