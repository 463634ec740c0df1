import { actionLabel, describeMutation, primaryResource, whereLabel, type MutationRequest } from '../aws/mutation-request';
import { describeHttpMutation, httpActionLabel, httpHost, httpWhereLabel, type HttpMutationRequest } from '../http/http-mutation-request';

/** What the operator confirms before it goes: a mutating AWS call, or a mutating request of an http block. */
export type ConfirmRequest = MutationRequest | HttpMutationRequest;

export function isHttpRequest(request: ConfirmRequest): request is HttpMutationRequest {
  return 'kind' in request && request.kind === 'http';
}

/** The action in words, for buttons, the status bar and panels: `Fail over prod-app`, `Send PUT to maint.internal`. */
export function confirmAction(request: ConfirmRequest): string {
  return isHttpRequest(request) ? httpActionLabel(request) : actionLabel(request);
}

/** Where it lands, in the words shown first: the SANDBOX, a real account, a real HTTP service. */
export function confirmWhere(request: ConfirmRequest): string {
  return isHttpRequest(request) ? httpWhereLabel(request) : whereLabel(request);
}

/** The modal, and what the operator types after it where Enter alone must not send. */
export interface ConfirmPrompt {
  message: string;
  detail: string;
  /** The modal's button, named after the action (with `…` when typing follows). */
  button: string;
  /** Absent: the modal's button sends (the sandbox). */
  typed?: { expected: string; title: string; prompt: string; invalid: string };
}

/**
 * One dialog for every confirmation. On a real AWS account the button leads on to typing the
 * resource's name (or the account number when the call names none); an http request always goes to
 * a real service, so its button leads on to typing the host. Only in the sandbox does the button send.
 */
export function confirmPrompt(request: ConfirmRequest): ConfirmPrompt {
  const action = confirmAction(request);
  if (isHttpRequest(request)) {
    const { message, detail } = describeHttpMutation(request);
    const host = httpHost(request);
    return {
      message,
      detail: `${detail}\n\nNext: type the host to confirm.`,
      button: `${action}…`,
      typed: {
        expected: host,
        title: `${action} (a real HTTP request)`,
        prompt: `Type ${host} to send ${request.method} ${request.url}. Escape cancels; nothing is sent.`,
        invalid: `type ${host} exactly to send the request`,
      },
    };
  }
  const { message, detail } = describeMutation(request);
  if (request.sandbox) return { message, detail, button: action };
  const expected = primaryResource(request.input) ?? request.identity.account;
  return {
    message,
    detail: `${detail}\n\nNext: type the name to confirm.`,
    button: `${action}…`,
    typed: {
      expected,
      title: `${action} in REAL AWS account ${request.identity.account}, ${request.region}`,
      prompt: `Type ${expected} to send ${request.operation}. Escape cancels; nothing is sent.`,
      invalid: `type ${expected} exactly to send the call`,
    },
  };
}
