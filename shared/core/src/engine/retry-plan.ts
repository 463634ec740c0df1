/**
 * What a retry of a failed step runs again. A retry must look at the world as it is now, not as
 * the failed attempt saw it, so the step starts again from its first block:
 *
 * - every read — `check` and `wait` blocks (their `observe:` sources are fetched anew), read-only
 *   `aws` and `sql` blocks, each block's `when:` — is run and evaluated again, and the outputs it
 *   recorded on the failed attempt are dropped first, so nothing later in the step can use them;
 * - blocks that completed a change — a mutating `aws` call AWS answered, a writing `sql` or `sh`
 *   block that ended, an `approve` gate that was passed — are facts: they keep their recorded
 *   output and are not run again (the change is not sent twice, the approval not asked twice).
 *
 * Outputs of earlier steps stay as recorded: a step that needs live state reads it itself (a
 * `check` with `observe:` at its top), which a retry refreshes.
 */
import type { StepRun } from '../model/run';
import type { Block } from '../runbook/model';
import { kindModule } from '../blocks/registry';

/** Indices of the step's blocks a retry keeps as done (completed changes and passed gates). */
export function retainedBlocks(blocks: readonly Block[], step: Pick<StepRun, 'blockIndex' | 'blockOutputs'>): number[] {
  const kept: number[] = [];
  for (let i = 0; i < Math.min(step.blockIndex, blocks.length); i++) {
    const output = step.blockOutputs[i];
    if (output === undefined || output === null) continue; // skipped by its `when:`: evaluated again
    const block = blocks[i];
    if (block.kind === 'approve' || kindModule(block.kind).mutates(block)) kept.push(i);
  }
  return kept;
}
