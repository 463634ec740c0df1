import * as vscode from 'vscode';

/** Where the sample goes in the workspace: where the extension looks for runbooks (`runbooks/*.md`). */
export const SAMPLE_PATH = ['runbooks', 'failover.md'] as const;

/**
 * The walkthrough's "Open a runbook" step: opens `runbooks/failover.md` of the first workspace
 * folder, first copying the sample the extension ships there when the folder has none (the user
 * asked for it with the step's button). An existing file is opened as it is, never overwritten.
 */
export function registerSampleRunbookCommand(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('switchyard.openSampleRunbook', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const shipped = vscode.Uri.joinPath(context.extensionUri, 'dist', 'sample-runbooks', 'failover.md');
    if (!folder) {
      // Nowhere to save it: show the shipped copy (read it, then open a folder to run runbooks).
      await vscode.window.showTextDocument(shipped, { preview: false });
      void vscode.window.showInformationMessage(
        'Switchyard: this is the sample runbook as shipped. Open a folder and use this step again to add it there and run it.',
      );
      return;
    }
    const target = vscode.Uri.joinPath(folder.uri, ...SAMPLE_PATH);
    const exists = await vscode.workspace.fs.stat(target).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(shipped));
    await vscode.window.showTextDocument(target, { preview: false });
  });
}
