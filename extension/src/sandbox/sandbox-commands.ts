import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { RunService } from '../runs/run-service';
import type { Sandbox } from './sandbox';

export interface SandboxDeps {
  sandbox: Sandbox;
  connections: ConnectionRegistry;
  runs: RunService;
  refresh: () => void;
  log: (line: string) => void;
}

/** Starts the sandbox (resuming its saved world and runs) and makes it a connection. */
export async function startSandbox(deps: SandboxDeps, announce = true): Promise<void> {
  const resumed = deps.sandbox.hasSavedWorld();
  const sim = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Switchyard: starting the sandbox…' },
    () => deps.sandbox.start(),
  );
  const connection = deps.connections.setSandbox(sim.url, deps.sandbox.timeScale);
  const runs = connection ? await deps.runs.useConnection(connection) : [];
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
      await deps.runs.dropConnection('sandbox');
      deps.connections.setSandbox(undefined, deps.sandbox.timeScale);
      await deps.sandbox.stop();
      deps.refresh();
      deps.log('sandbox stopped');
    }),
  ];
}
