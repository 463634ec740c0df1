import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { RunningSimulator, SimState } from '@switchyard/simulator';
import { writeFileAtomicSync } from '../files/write-file-atomic';

export interface SandboxOptions {
  /** Where the sandbox's world is saved, so a window reload finds it (and its runs) as they were. */
  stateFile: string;
  timeScale: number;
}

/**
 * The embedded AWS simulator with the demo fleet, running inside the extension host. Its world is
 * saved on every change the extension makes and when the window closes; "Start sandbox" picks that
 * world up again, "Stop sandbox" forgets it (the next start is a fresh demo fleet).
 */
export class Sandbox {
  private sim?: RunningSimulator;
  private starting?: Promise<RunningSimulator>;

  constructor(private readonly options: SandboxOptions) {}

  get url(): string | undefined {
    return this.sim?.url;
  }

  get running(): boolean {
    return this.sim !== undefined;
  }

  get timeScale(): number {
    return this.sim?.control.timeScale ?? this.options.timeScale;
  }

  /** True when a world from an earlier session is waiting to be resumed. */
  hasSavedWorld(): boolean {
    return existsSync(this.options.stateFile);
  }

  async start(): Promise<RunningSimulator> {
    if (this.sim) return this.sim;
    this.starting ??= this.launch().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Writes the world to disk, whole or not at all (synchronously: it also runs while the extension host shuts down). */
  save(): void {
    if (!this.sim) return;
    writeFileAtomicSync(
      this.options.stateFile,
      JSON.stringify({ timeScale: this.sim.control.timeScale, state: this.sim.control.saveState() }),
    );
  }

  /** Saves the world and stops serving (window closing). */
  async suspend(): Promise<void> {
    this.save();
    await this.close();
  }

  /** Stops and forgets the world. */
  async stop(): Promise<void> {
    await this.close();
    rmSync(this.options.stateFile, { force: true });
  }

  private async launch(): Promise<RunningSimulator> {
    const saved = this.readSaved();
    // Loaded on the first start only: the simulator is its own chunk of the bundle (scripts/bundle.js),
    // so activating the extension does not read it.
    const { startSimulator } = await import('@switchyard/simulator');
    this.sim = await startSimulator({ fleet: saved?.state ?? 'demo', timeScale: saved?.timeScale ?? this.options.timeScale });
    this.save();
    return this.sim;
  }

  private async close(): Promise<void> {
    const sim = this.sim;
    this.sim = undefined;
    await sim?.stop();
  }

  private readSaved(): { timeScale: number; state: SimState } | undefined {
    if (!existsSync(this.options.stateFile)) return undefined;
    try {
      return JSON.parse(readFileSync(this.options.stateFile, 'utf8')) as { timeScale: number; state: SimState };
    } catch {
      return undefined; // unreadable (written by hand, or by a version that wrote in place): start from the demo fleet
    }
  }
}
