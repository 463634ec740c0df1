import { parseRunbook } from '../../../runbook/parse-runbook';
import type { Block } from '../../registry';

/** Front matter with a `cluster` param and a lock on it, then a step `A` (the fence goes on line 7). */
export const HEAD = '---\nparams:\n  cluster: rds-cluster\nlocks: ["rds-cluster:{{ cluster }}"]\n---\n## A\n';

/** One fence in one step; the fence line is line 7, the body starts on line 8. */
export function oneBlock(info: string, body: string) {
  const { runbook, diagnostics } = parseRunbook('rb.md', `${HEAD}\`\`\`${info}\n${body}\n\`\`\`\n`);
  const step = runbook?.steps[0];
  return {
    block: (step?.blocks[0] ?? step?.rollbackBlocks[0]) as Block | undefined,
    codes: diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`),
  };
}
