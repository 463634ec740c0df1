/**
 * The http start check over a rollout's plan: each cluster's run would be refused at its start when
 * an http block sends to a host off this host's allow-list (or http is not trusted here), so the
 * plan lists every such cluster at once and nothing starts — instead of the cluster failing when its
 * wave comes. The same check a run's start makes (blocks/http/http-start-check.ts), on the params
 * as resolved for each cluster (defaults filled, as the run's start fills them).
 */
import { httpStartRefusals, type HttpStartPolicy } from '../blocks/http/http-start-check';
import { validateParamValues as paramValues } from '../runbook/param-values';
import { SecretScrubber, secretParamNames, splitSecrets } from '../engine/secrets';
import type { Runbook } from '../runbook/model';

export interface RolloutHttpCheckInput {
  /** The runbook's file, as its runs are started with (named in each refusal). */
  file: string;
  runbook: Runbook;
  /** Each cluster with the params its run is started with. */
  clusters: ReadonlyArray<{ id: string; params: Record<string, string> }>;
  policy: HttpStartPolicy;
  /** Who starts the rollout (`run.startedBy` in a `when:`). */
  startedBy: string;
}

/**
 * One line per refused http block of each cluster (`<cluster>: <file>:<line>: …`), empty when every
 * cluster's run would start. A cluster whose params are invalid is left to the plan's own checks.
 */
export function rolloutHttpProblems(input: RolloutHttpCheckInput): string[] {
  const { file, runbook, policy } = input;
  const hasHttp = [...runbook.steps, ...runbook.rollback].some((s) => [...s.blocks, ...s.rollbackBlocks].some((b) => b.kind === 'http'));
  if (!hasHttp) return [];
  const secretParams = secretParamNames(runbook);
  const problems: string[] = [];
  for (const cluster of input.clusters) {
    const { values: given, errors } = paramValues(runbook, cluster.params);
    if (errors.length) continue;
    const run = { id: '', startedBy: input.startedBy, dryRun: false, phase: 'forward' };
    const refusals = httpStartRefusals({
      file,
      runbook,
      fromStep: 0,
      scope: { ...given, params: given, steps: {}, run },
      policy,
      secretParams,
    });
    // A host or URL may come from a secret param: as at a run's start, the refusal never shows it.
    const scrub = new SecretScrubber(splitSecrets(runbook, given).secrets);
    problems.push(...refusals.map((r) => `${cluster.id}: ${scrub.value(r).message}`));
  }
  return problems;
}
