import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeShellGateway } from '../../engine/node-shell';
import type { ShellGateway } from '../../engine/ports';
import type { BlockExecutionContext } from '../common/block-executor';
import { oneBlock } from '../common/testing/one-block';
import type { ShBlock } from './sh-block';
import { executeShBlock } from './sh-executor';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'switchyard-sh-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function context(script: string, params: Record<string, unknown>, options: { shell?: ShellGateway; dryRun?: boolean } = {}) {
  const { block, codes } = oneBlock('sh timeout=10s', script);
  expect(codes).toEqual([]);
  const logs: string[] = [];
  const ctx = {
    block: block as ShBlock,
    scope: { ...params, params, steps: {}, run: { id: 'r1' } },
    run: { dryRun: options.dryRun ?? false },
    shell: options.shell ?? new NodeShellGateway({ graceMs: 200 }),
    allowShell: true,
    timeScale: 1,
    signal: new AbortController().signal,
    evaluating: <T>(work: () => T) => Promise.resolve().then(work),
    log: async (_level: string, text: string) => void logs.push(text),
  } as unknown as BlockExecutionContext<ShBlock>;
  return { ctx, logs };
}

const HOSTILE = [
  'x"; touch pwned; echo "',
  '$(touch pwned)',
  '`touch pwned`',
  'a\ntouch pwned',
  "it's '; touch pwned; '",
  '* ?',
  '${PATH}',
  '-n',
];

describe('sh blocks run templates as data', () => {
  it.each(HOSTILE)('%j arrives literally in every context and runs nothing', async (value) => {
    const script = [
      `cd ${dir}`,
      'printf "%s|" {{ cluster }} "{{ cluster }}" "$(printf %s {{ cluster }})" "`printf %s "{{ cluster }}"`" "$SWITCHYARD_PARAM_CLUSTER"',
      'cat <<EOF',
      '{{ cluster }}',
      'EOF',
    ].join('\n');
    const { ctx } = context(script, { cluster: value });
    const outcome = await executeShBlock(ctx);
    expect(readdirSync(dir)).toEqual([]);
    expect(outcome).toEqual({ type: 'done', output: { stdout: `${`${value}|`.repeat(5)}${value}\n`, exitCode: 0 } });
  });

  it('refuses a non-number in bash arithmetic before the script starts', async () => {
    const { ctx } = context('echo $(( {{ cluster }} + 1 ))', { cluster: 'a[$(touch pwned)]' });
    expect(await executeShBlock(ctx)).toEqual({
      type: 'failed',
      error: expect.stringMatching(
        /^`\{\{ cluster \}\}` is used in bash arithmetic.*"a\[\$\(touch pwned\)\]"; the script was not started$/,
      ),
    });
    const ok = context('echo $(( {{ cluster }} + 1 ))', { cluster: 41 });
    expect(await executeShBlock(ok.ctx)).toMatchObject({ type: 'done', output: { stdout: '42\n' } });
  });

  it('shows the script and its values in a dry run', async () => {
    const { ctx, logs } = context('echo {{ cluster }}', { cluster: 'a b' }, { dryRun: true });
    expect(await executeShBlock(ctx)).toEqual({ type: 'done', output: { dryRun: true } });
    expect(logs).toEqual(['dry-run: would run shell:\necho "${SWITCHYARD_T1}"\n\nwith SWITCHYARD_T1="a b"']);
  });

  it('fails the step when the script times out or the run is interrupted', async () => {
    const timedOut = { run: async () => ({ exitCode: 137, stdout: '', stderr: '', stopped: 'timeout' as const }) };
    expect(await executeShBlock(context('sleep 1', {}, { shell: timedOut }).ctx)).toEqual({
      type: 'failed',
      error: expect.stringMatching(/^the script timed out after 10 s: it and everything it started were stopped/),
    });
    const aborted = { run: async () => ({ exitCode: 143, stdout: '', stderr: '', stopped: 'aborted' as const }) };
    expect(await executeShBlock(context('sleep 1', {}, { shell: aborted }).ctx)).toMatchObject({ type: 'failed' });
  });
});
