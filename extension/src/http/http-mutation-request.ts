import type { HttpConfirmRequest } from '@switchyard/core';

/** A mutating request of an http block about to be sent, as the operator is asked about it (secrets as `[secret]`). */
export interface HttpMutationRequest extends HttpConfirmRequest {
  kind: 'http';
  /**
   * The run's AWS target is the sandbox. The request still goes to a real service: the sandbox
   * simulates AWS, not the services a runbook tells to pause writes.
   */
  sandbox: boolean;
}

/** Characters of a body shown in the dialog (the rest is cut, saying so). */
const SHOWN_BODY = 1000;

/** The host the request goes to, as the URL names it (`maint.internal`, `127.0.0.1:8080`). */
export function httpHost(request: Pick<HttpMutationRequest, 'url'>): string {
  try {
    return new URL(request.url).host;
  } catch {
    return request.url;
  }
}

/** The button's words: `Send PUT to maint.internal`. */
export function httpActionLabel(request: Pick<HttpMutationRequest, 'method' | 'url'>): string {
  return `Send ${request.method} to ${httpHost(request)}`;
}

/** Where it lands, in the words shown first: always a real service. */
export function httpWhereLabel(request: Pick<HttpMutationRequest, 'url' | 'sandbox'>): string {
  return `REAL HTTP request to ${httpHost(request)}${request.sandbox ? ' — the sandbox simulates AWS, not this service' : ''}`;
}

/** The modal's title and detail: the method and URL first, then the headers (secrets as `[secret]`) and the body. */
export function describeHttpMutation(request: HttpMutationRequest): { message: string; detail: string } {
  const headers = Object.entries(request.headers);
  const body = request.body ?? '';
  return {
    message: `${httpActionLabel(request)}? ${httpWhereLabel(request)}`,
    detail: [
      `Mutating request: ${request.method} ${request.url}`,
      `Headers:${headers.length ? '' : ' (none)'}`,
      ...headers.map(([name, value]) => `  ${name}: ${value}`),
      `Body: ${body === '' ? '(none)' : body.length > SHOWN_BODY ? `${body.slice(0, SHOWN_BODY)}… (${body.length} characters, cut here)` : body}`,
    ].join('\n'),
  };
}
