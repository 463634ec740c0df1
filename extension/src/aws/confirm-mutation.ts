import * as vscode from 'vscode';
import { actionLabel, describeMutation, primaryResource, type MutationRequest } from './mutation-request';

/**
 * Asks before a mutating call. The button is named after the action ("Fail over prod-app"), never
 * a bare "Send". In a modal the first button is the default one, so Enter would press it: on a real
 * AWS account that button only leads on to typing the resource's name (or the account number when
 * the call names no resource), so Enter alone never sends. In the sandbox the button sends.
 */
export async function confirmMutation(request: MutationRequest): Promise<boolean> {
  const { message, detail } = describeMutation(request);
  const action = actionLabel(request);
  if (request.sandbox) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }
  const next = `${action}…`;
  const choice = await vscode.window.showWarningMessage(
    message,
    { modal: true, detail: `${detail}\n\nNext: type the name to confirm.` },
    next,
  );
  if (choice !== next) return false;
  const expected = primaryResource(request.input) ?? request.identity.account;
  const typed = await vscode.window.showInputBox({
    title: `${action} in REAL AWS account ${request.identity.account}, ${request.region}`,
    prompt: `Type ${expected} to send ${request.operation}. Escape cancels; nothing is sent.`,
    placeHolder: expected,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === expected ? undefined : `type ${expected} exactly to send the call`),
  });
  return typed?.trim() === expected;
}
