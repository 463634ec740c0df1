import { isRunbookOffered, pageShapeOf } from '@switchyard/core/model';
import type { RunbookSummary, Topology } from '@switchyard/backstage-plugin-switchyard-common';

/** Runbooks that fit this database's shape and the stage of its Blue/Green deployments (the core's rule). */
export function applicableRunbooks(runbooks: RunbookSummary[], topology: Topology | undefined): RunbookSummary[] {
  const page = pageShapeOf(topology);
  return runbooks.filter((r) => isRunbookOffered(r, page));
}
