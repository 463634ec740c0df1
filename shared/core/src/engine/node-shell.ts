import { spawn } from 'node:child_process';
import type { ShellGateway, ShellResult, ShellRunOptions } from './ports';
import { groupHasLiveMembers, signalGroup } from './process-group';
import { inheritedShellEnv, isBlockShellVariable } from './shell-env';

const MAX_CAPTURE = 64 * 1024;

/** How long a script may take to end after SIGTERM before its process group gets SIGKILL (real time, never scaled). */
export const SHELL_KILL_GRACE_MS = 5000;

export interface NodeShellGatewayOptions {
  /** SIGTERM → SIGKILL grace (default `SHELL_KILL_GRACE_MS`). */
  graceMs?: number;
  /** The environment the allow-list is taken from (default: process.env). */
  parentEnv?: NodeJS.ProcessEnv;
}

/**
 * Runs `sh` blocks with bash in a process group of their own. The script inherits only an
 * allow-list of the runner's environment (`shell-env.ts`) plus the block's `SWITCHYARD_*`
 * variables. At the timeout, or when the run is interrupted, the whole group gets SIGTERM, then
 * SIGKILL after the grace period — a script that traps TERM, and whatever it started, ends too.
 * When the script ends, whatever it left running in its group is stopped the same way. Output
 * is capped so a chatty script cannot fill the run store.
 */
export class NodeShellGateway implements ShellGateway {
  private readonly graceMs: number;
  private readonly parentEnv: NodeJS.ProcessEnv;

  constructor(options: NodeShellGatewayOptions = {}) {
    this.graceMs = options.graceMs ?? SHELL_KILL_GRACE_MS;
    this.parentEnv = options.parentEnv ?? process.env;
  }

  run(script: string, options: ShellRunOptions): Promise<ShellResult> {
    const blockEnv = Object.entries(options.env).filter(([name]) => isBlockShellVariable(name));
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return resolve({ exitCode: 130, stdout: '', stderr: '', stopped: 'aborted' });
      const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
        env: { ...inheritedShellEnv(this.parentEnv), ...Object.fromEntries(blockEnv) },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let stdout = '';
      let stderr = '';
      let stopped: ShellResult['stopped'];
      let killTimer: NodeJS.Timeout | undefined;
      child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-MAX_CAPTURE)));
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-MAX_CAPTURE)));
      let afterKill: (() => void) | undefined;
      let killed = false;
      const stopGroup = () => {
        if (killTimer || !child.pid) return;
        const pgid = child.pid;
        signalGroup(pgid, 'SIGTERM');
        killTimer = setTimeout(() => {
          killed = true;
          signalGroup(pgid, 'SIGKILL');
          afterKill?.();
        }, this.graceMs);
      };
      const stop = (why: NonNullable<ShellResult['stopped']>) => {
        stopped ??= why;
        stopGroup();
      };
      const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
      const onAbort = () => stop('aborted');
      options.signal?.addEventListener('abort', onAbort, { once: true });
      let exitCode: number | undefined;
      // bash is done; what it left in its group (background jobs) is stopped too.
      child.on('exit', (code, signal) => {
        exitCode = code ?? 128 + signalNumber(signal);
        clearTimeout(timer);
        stopGroup();
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        const result: ShellResult = {
          exitCode: exitCode ?? code ?? 128 + signalNumber(signal),
          stdout,
          stderr,
          ...(stopped ? { stopped } : {}),
        };
        // A process that ignores SIGTERM and no longer holds the pipes: the step ends once it got SIGKILL.
        if (killTimer && !killed && child.pid && groupHasLiveMembers(child.pid)) afterKill = () => resolve(result);
        else {
          clearTimeout(killTimer);
          resolve(result);
        }
      });
    });
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : signal === 'SIGINT' ? 2 : 1;
}
