import * as vscode from 'vscode';
import { confirmPrompt, type ConfirmRequest } from '../confirm/confirm-request';

/**
 * Asks before a mutating AWS call or http request. The button is named after the action ("Fail over
 * prod-app", "Send PUT to maint.internal"), never a bare "Send". In a modal the first button is the
 * default one, so Enter would press it: on a real AWS account, and for every http request (a real
 * service), that button only leads on to typing the resource's name, the account number or the host,
 * so Enter alone never sends. In the sandbox the button sends.
 */
export async function confirmMutation(request: ConfirmRequest): Promise<boolean> {
  const { message, detail, button, typed } = confirmPrompt(request);
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  if (choice !== button) return false;
  if (!typed) return true;
  const answer = await vscode.window.showInputBox({
    title: typed.title,
    prompt: typed.prompt,
    placeHolder: typed.expected,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === typed.expected ? undefined : typed.invalid),
  });
  return answer?.trim() === typed.expected;
}
