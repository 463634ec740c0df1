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
import type { MutationRequest } from './mutation-request';

export interface ConfirmingGatewayOptions {
  /** Asks the operator; resolves true to send the call. */
  confirm: (request: MutationRequest) => Promise<boolean>;
  /** Told once, before the first mutating call is confirmed: who the credentials belong to. */
  onIdentity?: (identity: CallerIdentity, target: string) => void;
}

/**
 * An AwsGateway that asks the operator before every mutating call (never before a read) and names
 * the caller identity from STS first. A declined call fails as not applied, so the engine knows it
 * was not sent: the step fails and can be retried or skipped. Read clients only read: handed through.
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

  async call(service: AwsServiceName, operation: string, input: Record<string, unknown>, options: AwsCallOptions = {}) {
    if (isMutatingOperation(operation)) {
      const identity = await this.callerIdentity();
      const region = options.region ?? this.inner.region;
      const confirmed = await this.options.confirm({ service, operation, input, region, target: this.inner.target, identity });
      if (!confirmed) {
        throw new AwsCallError({
          service,
          operation,
          code: 'DeclinedByOperator',
          awsMessage: 'the operator declined the confirmation in VS Code, so nothing was sent',
          retryable: false,
          notApplied: true,
          hint: 'retry the step to be asked again, or skip or abort it',
        });
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
}
