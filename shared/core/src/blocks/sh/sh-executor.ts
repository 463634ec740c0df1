import type { ShBlock } from './sh-block';
import { renderTemplate } from '../../cel';
import type { BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';

/** Local shell, only when the host trusts the runbook; params reach the script as SWITCHYARD_PARAM_* env vars. */
export const executeShBlock: BlockExecutor<ShBlock> = async (ctx) => {
  if (!ctx.allowShell || !ctx.shell) {
    return {
      type: 'failed',
      error:
        'sh blocks are not allowed here: run with --trust-shell in the CLI, or trust the workspace in VS Code; the Backstage backend refuses them unless configured',
    };
  }
  const script = await ctx.evaluating(() => renderTemplate(ctx.block.script, ctx.scope));
  if (ctx.run.dryRun) {
    await ctx.log('info', `dry-run: would run shell:\n${script}`);
    return { type: 'done', output: { dryRun: true } };
  }
  const params = (ctx.scope.params ?? {}) as Record<string, unknown>;
  const env = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [`SWITCHYARD_PARAM_${k.toUpperCase()}`, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  try {
    const result = await ctx.shell.run(script, { timeoutMs: (ctx.block.timeoutSeconds * 1000) / ctx.timeScale, env, signal: ctx.signal });
    for (const line of result.stdout.trimEnd().split('\n').filter(Boolean)) await ctx.log('info', line);
    for (const line of result.stderr.trimEnd().split('\n').filter(Boolean)) await ctx.log('warn', line);
    if (result.exitCode !== 0) return { type: 'failed', error: `shell exited with code ${result.exitCode}` };
    return { type: 'done', output: { stdout: result.stdout, exitCode: 0 } };
  } catch (error) {
    return { type: 'failed', error: `shell failed to start: ${errorMessage(error)}` };
  }
};
