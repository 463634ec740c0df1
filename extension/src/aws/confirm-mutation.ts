import * as vscode from 'vscode';
import { describeMutation, type MutationRequest } from './mutation-request';

/** A modal naming account, region and resource; only an explicit "Send" lets the call go. */
export async function confirmMutation(request: MutationRequest): Promise<boolean> {
  const { message, detail } = describeMutation(request);
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Send');
  return choice === 'Send';
}
