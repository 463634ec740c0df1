import * as vscode from 'vscode';
import { SANDBOX_ID, type TargetRegistry } from '../targets/target-registry';
import type { RunHost } from '@switchyard/core';
import type { Sandbox } from './sandbox';

export interface SandboxDeps {
  sandbox: Sandbox;
  targets: TargetRegistry;
  runs: RunHost;
  refresh: () => void;
  log: (line: string) => void;
}

/** Starts the sandbox (resuming its saved world and runs) and makes it a target. */
export async function startSandbox(deps: SandboxDeps, announce = true): Promise<void> {
  const resumed = deps.sandbox.hasSavedWorld();
  const sim = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Switchyard: starting the sandbox…' },
    () => deps.sandbox.start(),
  );
  const target = deps.targets.setSandbox(sim.url, deps.sandbox.timeScale);
  // The sandbox may be on another port now: its runs move to an engine on the new gateway and resume.
  const runs = target ? await deps.runs.retarget(target.id) : [];
  deps.refresh();
  deps.log(`sandbox ${resumed ? 'resumed' : 'started'} at ${sim.url} (time ×${deps.sandbox.timeScale}); ${runs.length} run(s) resumed`);
  if (announce) {
    void vscode.window.showInformationMessage(
      `Switchyard: sandbox ${resumed ? 'resumed' : 'running'} — a local AWS simulator with the demo fleet (prod-app and friends), time ×${deps.sandbox.timeScale}.`,
    );
  }
}

export function registerSandboxCommands(deps: SandboxDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('switchyard.startSandbox', async () => {
      try {
        await startSandbox(deps);
      } catch (error) {
        void vscode.window.showErrorMessage(
          `Switchyard: the sandbox did not start: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }),
    vscode.commands.registerCommand('switchyard.stopSandbox', async () => {
      const choice = await vscode.window.showWarningMessage(
        'Stop the sandbox and forget its world? Unfinished sandbox runs stay in the history but cannot continue.',
        { modal: true },
        'Stop sandbox',
      );
      if (choice !== 'Stop sandbox') return;
      await deps.runs.dropTarget(SANDBOX_ID);
      deps.targets.setSandbox(undefined, deps.sandbox.timeScale);
      await deps.sandbox.stop();
      deps.refresh();
      deps.log('sandbox stopped');
    }),
  ];
}
