import { parseRunbook, type Run } from '@switchyard/core';
import { clusterParam } from '../runbook/runbook-form';

/** The cluster a run is about: the value of its runbook's first `rds-cluster` param, if it has one. */
export function runClusterId(run: Run): string | undefined {
  const { runbook } = parseRunbook(run.runbook.file, run.runbook.source);
  const param = runbook && clusterParam(runbook);
  const value = param ? run.params[param] : undefined;
  return typeof value === 'string' && value ? value : undefined;
}
