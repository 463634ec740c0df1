import {
  HttpDeclinedError,
  type HttpConfirmOptions,
  type HttpConfirmRequest,
  type HttpGateway,
  type HttpHostRefusedError,
  type HttpRequest,
  type HttpResponse,
  type HttpSecretSource,
} from '@switchyard/core';
import type { ConfirmationPhase } from '../aws/confirming-gateway';
import { httpActionLabel, type HttpMutationRequest } from './http-mutation-request';

export interface ConfirmingHttpGatewayOptions {
  /** The run's AWS target is the sandbox (said in the dialog: the request still goes to a real service). */
  sandbox: boolean;
  /** Asks the operator; resolves true to send the request. The same dialog as for a mutating AWS call. */
  confirm: (request: HttpMutationRequest) => Promise<boolean>;
  /** Who answers (recorded in the run's audit trail). */
  operator: () => string;
  /** A declined request pauses here until the operator asks to be asked again (resolves) or the run stops (the signal). Without it, it fails as not sent. */
  paused?: (request: HttpMutationRequest, signal?: AbortSignal) => Promise<void>;
  /** Told as a request is being asked about, paused, and answered (status bar, panels). */
  onPhase?: (phase: ConfirmationPhase, request: HttpMutationRequest) => void;
}

/**
 * The HttpGateway of VS Code's runs: asks the operator before every mutating http request, as
 * ConfirmingAwsGateway asks before every mutating AWS call, with the same dialog and the same
 * answers — a yes is recorded and the request goes; a no pauses the step, nothing sent, until the
 * operator asks to be asked again or the run is stopped. The executor asks once per block, before
 * the request is recorded in flight and before its first attempt. Sending is the inner gateway's.
 */
export class ConfirmingHttpGateway implements HttpGateway {
  constructor(
    private readonly inner: HttpGateway,
    private readonly options: ConfirmingHttpGatewayOptions,
  ) {}

  get secrets(): HttpSecretSource {
    return this.inner.secrets;
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    return this.inner.send(request);
  }

  refusal(url: URL): HttpHostRefusedError | undefined {
    return this.inner.refusal(url);
  }

  async confirm(shown: HttpConfirmRequest, options: HttpConfirmOptions): Promise<void> {
    const request: HttpMutationRequest = { kind: 'http', ...shown, sandbox: this.options.sandbox };
    const what = `${request.method} ${request.url}`;
    const declined = (reason: string) => new HttpDeclinedError(request.method, request.url, reason);
    try {
      for (;;) {
        this.options.onPhase?.('asking', request);
        const confirmed = await this.options.confirm(request);
        // The run may have been stopped while the dialog was open: its answer no longer sends anything.
        if (options.signal?.aborted) throw declined('the run was stopped while the confirmation was open');
        const actor = this.options.operator();
        if (confirmed) {
          await options.audit?.({ actor, action: `confirmed ${request.method}`, detail: `${httpActionLabel(request)}: ${what}` });
          return;
        }
        await options.audit?.({
          actor,
          action: `declined ${request.method}`,
          detail: `${what} not sent${this.options.paused ? '; the step is paused until asked again' : ''}`,
        });
        if (!this.options.paused) throw declined('the operator declined the confirmation in VS Code');
        this.options.onPhase?.('paused', request);
        try {
          await this.options.paused(request, options.signal);
        } catch {
          throw declined('the operator declined the confirmation in VS Code and the run was stopped');
        }
      }
    } finally {
      this.options.onPhase?.('settled', request);
    }
  }
}
