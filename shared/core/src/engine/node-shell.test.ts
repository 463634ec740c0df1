import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeShellGateway } from './node-shell';
import { processStat } from './process-group';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'switchyard-shell-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Running (a killed orphan may stay a zombie where PID 1 does not reap). */
const alive = (pid: number) => !['Z', 'X', undefined].includes(processStat(pid)?.state);
const childPid = () => Number(readFileSync(path.join(dir, 'child.pid'), 'utf8'));
/** A SIGKILLed process is gone a moment after the signal, not at once: wait for it (a second at most), do not race it. */
async function goneSoon(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}
/** Traps TERM (so does its background child, which inherits the ignored signal) and records the child's pid. */
const stubborn = () => `trap '' TERM\nsleep 30 >/dev/null 2>&1 &\necho $! > ${dir}/child.pid\nsleep 30\n`;

describe('NodeShellGateway', () => {
  it('passes an allow-list of the runner’s environment and the block’s SWITCHYARD_* variables, nothing else', async () => {
    const shell = new NodeShellGateway({
      parentEnv: {
        PATH: process.env.PATH,
        HOME: '/home/x',
        LC_ALL: 'C',
        AWS_SECRET_ACCESS_KEY: 'sekrit',
        GITHUB_TOKEN: 't',
        PGPASSWORD: 'p',
      },
    });
    const result = await shell.run('env', { timeoutMs: 5000, env: { SWITCHYARD_T1: 'v', LD_PRELOAD: '/x.so', BASH_ENV: '/x' } });
    const names = result.stdout
      .split('\n')
      .map((l) => l.split('=')[0])
      .filter((n) => n && !['PWD', 'SHLVL', '_'].includes(n));
    expect(names.sort()).toEqual(['HOME', 'LC_ALL', 'PATH', 'SWITCHYARD_T1']);
  });

  it('at the timeout stops a script that ignores SIGTERM, and its background child, after the grace period', async () => {
    const shell = new NodeShellGateway({ graceMs: 400 });
    const started = Date.now();
    // Long enough for bash to set its trap even on a busy machine.
    const result = await shell.run(stubborn(), { timeoutMs: 1500, env: {} });
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ stopped: 'timeout', exitCode: 137 });
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(8000);
    expect(await goneSoon(childPid())).toBe(true);
  });

  it('stops the whole group the same way when the run is interrupted', async () => {
    const shell = new NodeShellGateway({ graceMs: 300 });
    const abort = new AbortController();
    const running = shell.run(stubborn(), { timeoutMs: 60_000, env: {}, signal: abort.signal });
    while (!existsSync(path.join(dir, 'child.pid'))) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    abort.abort();
    const result = await running;
    expect(result.stopped).toBe('aborted');
    expect(await goneSoon(childPid())).toBe(true);
  });

  it('stops what a finished script left running, and reports how it exited', async () => {
    const shell = new NodeShellGateway({ graceMs: 300 });
    const result = await shell.run(`sleep 30 &\necho $! > ${dir}/child.pid\necho done\nexit 3`, { timeoutMs: 60_000, env: {} });
    expect(result).toEqual({ exitCode: 3, stdout: 'done\n', stderr: '' });
    expect(await goneSoon(childPid())).toBe(true);
  });
});
