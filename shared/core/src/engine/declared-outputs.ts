import type { StepRun } from '../model/run';
import type { Block, Runbook } from '../runbook/model';
import { blocksOf } from './step-plan';

/** One value a runbook asked a step to show: a name under a block's `output:` and what it came to. */
export interface DeclaredOutput {
  name: string;
  value: unknown;
}

/**
 * The outputs a step's blocks declare (`output:` of `check` and `wait` blocks, the `--query` result
 * of an `aws` line), with the values the run recorded — already scrubbed of secret params by the
 * engine. A block that was skipped or has not run contributes nothing; a name declared twice shows
 * the later block's value. What front ends print under a finished step.
 */
export function declaredOutputs(runbook: Runbook, step: Pick<StepRun, 'origin' | 'blockOutputs'>): DeclaredOutput[] {
  const shown = new Map<string, unknown>();
  blocksOf(runbook, step).forEach((block, i) => {
    const recorded = step.blockOutputs[i];
    if (recorded === undefined || recorded === null) return;
    const names = declaredNames(block);
    if (names === 'whole') {
      shown.set('result', recorded);
      return;
    }
    if (typeof recorded !== 'object') return;
    for (const name of names) {
      if (name in recorded) shown.set(name, (recorded as Record<string, unknown>)[name]);
    }
  });
  return [...shown].map(([name, value]) => ({ name, value }));
}

function declaredNames(block: Block): string[] | 'whole' {
  if (block.kind === 'aws') return block.command.query !== undefined ? 'whole' : [];
  const output = (block as { output?: unknown }).output;
  return output && typeof output === 'object' ? Object.keys(output) : [];
}
