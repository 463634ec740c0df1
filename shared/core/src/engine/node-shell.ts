import { spawn } from 'node:child_process';
import type { ShellGateway, ShellResult } from './ports';

const MAX_CAPTURE = 64 * 1024;

/** Runs `sh` blocks with bash; output is capped so a chatty script cannot fill the run store. */
export class NodeShellGateway implements ShellGateway {
  run(script: string, options: { timeoutMs: number; env: Record<string, string>; signal?: AbortSignal }): Promise<ShellResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-MAX_CAPTURE)));
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-MAX_CAPTURE)));
      const kill = () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
      };
      const timer = setTimeout(() => {
        stderr += `\n(timed out after ${Math.round(options.timeoutMs / 1000)} s; killed)`;
        kill();
      }, options.timeoutMs);
      options.signal?.addEventListener('abort', kill, { once: true });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', kill);
        resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr });
      });
    });
  }
}
