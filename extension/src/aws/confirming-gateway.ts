import {
  AwsCallError,
  fetchCallerIdentity,
  isMutatingOperation,
  type AwsCallOptions,
  type AwsGateway,
  type AwsServiceName,
  type CallerIdentity,
  type ReadClient,
  type ReadClientClass,
} from '@switchyard/core';
import { actionLabel, primaryResource, whereLabel, type MutationRequest } from './mutation-request';

/** Where a mutating call stands with the operator: being asked, declined and paused, or answered. */
export type ConfirmationPhase = 'asking' | 'paused' | 'settled';

export interface ConfirmingGatewayOptions {
  /** The gateway's calls go to the editor's sandbox (the local simulator), not to an AWS account. */
  sandbox: boolean;
  /** Asks the operator; resolves true to send the call. */
  confirm: (request: MutationRequest) => Promise<boolean>;
  /** Who answers the confirmation (recorded in the run's audit trail). */
  operator: () => string;
  /**
   * A declined call pauses here until the operator asks to be asked again (resolves), or the run
   * is aborted (the call's signal). Without it, a declined call fails as not applied.
   */
  paused?: (request: MutationRequest, signal?: AbortSignal) => Promise<void>;
  /** Told as a call is being asked about, paused, and answered (status bar, panels). */
  onPhase?: (phase: ConfirmationPhase, request: MutationRequest) => void;
  /** Told once, before the first mutating call is confirmed: who the credentials belong to. */
  onIdentity?: (identity: CallerIdentity, target: string) => void;
}

/**
 * An AwsGateway that asks the operator before every mutating call (never before a read) and names
 * the caller identity from STS first. The answer is recorded in the run's audit trail: who, the
 * account, and whether it was the sandbox. Declining pauses the call (nothing is sent; the step
 * waits for "ask again" or an abort) — it is not a failure. Read clients only read: handed through.
 */
export class ConfirmingAwsGateway implements AwsGateway {
  private identity?: Promise<CallerIdentity>;

  constructor(
    private readonly inner: AwsGateway,
    private readonly options: ConfirmingGatewayOptions,
  ) {}

  get region(): string {
    return this.inner.region;
  }

  get target(): string {
    return this.inner.target;
  }

  /** The runs of this target share their observations (one wrapper per target, as one gateway). */
  get sharedObservations(): boolean | undefined {
    return this.inner.sharedObservations;
  }

  async call(service: AwsServiceName, operation: string, input: Record<string, unknown>, options: AwsCallOptions = {}) {
    if (isMutatingOperation(operation)) {
      const identity = await this.callerIdentity();
      const region = options.region ?? this.inner.region;
      const request: MutationRequest = {
        service,
        operation,
        input,
        region,
        target: this.inner.target,
        sandbox: this.options.sandbox,
        identity,
      };
      try {
        await this.untilConfirmed(request, options);
      } finally {
        this.options.onPhase?.('settled', request);
      }
    }
    return this.inner.call(service, operation, input, options);
  }

  readClient<C extends ReadClient>(Client: ReadClientClass<C>, region?: string): C {
    return this.inner.readClient(Client, region);
  }

  /** The caller identity (STS GetCallerIdentity), asked once; a failure is asked again next time. */
  callerIdentity(): Promise<CallerIdentity> {
    if (!this.identity) {
      this.identity = fetchCallerIdentity(this.inner).then((identity) => {
        this.options.onIdentity?.(identity, this.inner.target);
        return identity;
      });
      this.identity.catch(() => (this.identity = undefined));
    }
    return this.identity;
  }

  private async untilConfirmed(request: MutationRequest, options: AwsCallOptions): Promise<void> {
    const where = `${primaryResource(request.input) ?? 'no named resource'} in the ${whereLabel(request)}; caller ${request.identity.arn}`;
    for (;;) {
      this.options.onPhase?.('asking', request);
      const confirmed = await this.options.confirm(request);
      // The run may have been aborted while the dialog was open: its answer no longer sends anything.
      if (options.signal?.aborted) throw declined(request, 'the run was stopped while the confirmation was open, so nothing was sent');
      const actor = this.options.operator();
      if (confirmed) {
        await options.audit?.({ actor, action: `confirmed ${request.operation}`, detail: `${actionLabel(request)}: ${where}` });
        return;
      }
      await options.audit?.({
        actor,
        action: `declined ${request.operation}`,
        detail: `${actionLabel(request)} not sent: ${where}${this.options.paused ? '; the step is paused until asked again' : ''}`,
      });
      if (!this.options.paused) throw declined(request, 'the operator declined the confirmation in VS Code, so nothing was sent');
      this.options.onPhase?.('paused', request);
      try {
        await this.options.paused(request, options.signal);
      } catch {
        throw declined(request, 'the operator declined the confirmation in VS Code and the run was stopped, so nothing was sent');
      }
    }
  }
}

function declined(request: MutationRequest, awsMessage: string): AwsCallError {
  return new AwsCallError({
    service: request.service,
    operation: request.operation,
    code: 'DeclinedByOperator',
    awsMessage,
    retryable: false,
    notApplied: true,
    hint: 'retry the step to be asked again, or skip or abort it',
  });
}
