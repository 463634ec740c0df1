import type { ShBlock } from './sh-block';
import type { BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { howToAllowShell } from '../common/how-to-allow';
import { prepareShellScript } from './shell-values';

/**
 * Local shell, only when the host trusts the runbook. Template values and params reach the script
 * as environment variables (`shell-values.ts`); a timed-out or interrupted script fails the step.
 */
export const executeShBlock: BlockExecutor<ShBlock> = async (ctx) => {
  if (!ctx.allowShell || !ctx.shell) {
    return {
      type: 'failed',
      error: `sh blocks are not allowed here; nothing was run. ${howToAllowShell(ctx.hostKind)}`,
    };
  }
  let prepared;
  try {
    prepared = await ctx.evaluating(() => prepareShellScript(ctx.block.script, ctx.scope));
  } catch (error) {
    return { type: 'failed', error: errorMessage(error) };
  }
  const values = Object.entries(prepared.env)
    .filter(([name]) => name.startsWith('SWITCHYARD_T'))
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  if (ctx.run.dryRun) {
    await ctx.log('info', `dry-run: would run shell:\n${prepared.script}${values.length ? `\nwith ${values.join(' ')}` : ''}`);
    return { type: 'done', output: { dryRun: true } };
  }
  const timeoutMs = (ctx.block.timeoutSeconds * 1000) / ctx.timeScale;
  try {
    const result = await ctx.shell.run(prepared.script, { timeoutMs, env: prepared.env, signal: ctx.signal });
    for (const line of result.stdout.trimEnd().split('\n').filter(Boolean)) await ctx.log('info', line);
    for (const line of result.stderr.trimEnd().split('\n').filter(Boolean)) await ctx.log('warn', line);
    if (result.stopped === 'timeout')
      return {
        type: 'failed',
        error: `the script timed out after ${formatSeconds(timeoutMs)}: it and everything it started were stopped (SIGTERM, then SIGKILL); raise \`timeout=\` on the block if it needs longer`,
      };
    if (result.stopped === 'aborted') return { type: 'failed', error: 'the script was stopped because the run was interrupted' };
    if (result.exitCode !== 0) return { type: 'failed', error: `shell exited with code ${result.exitCode}` };
    return { type: 'done', output: { stdout: result.stdout, exitCode: 0 } };
  } catch (error) {
    return { type: 'failed', error: `shell failed to start: ${errorMessage(error)}` };
  }
};

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
