/**
 * The one narrow port through which the core talks to AWS. Everything above it is pure and is
 * tested against the simulator through the real SDK implementation (`SdkAwsGateway`).
 */

export type AwsServiceName = 'rds' | 'cloudwatch' | 'ce' | 'sts';

export interface AwsCallOptions {
  /** Overrides the gateway's default region for this call (e.g. a Global Database secondary). */
  region?: string;
  signal?: AbortSignal;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface AwsGateway {
  /** Sends one SDK operation, e.g. `call('rds', 'FailoverDBCluster', {...})`; resolves to its output without `$metadata`. */
  call(
    service: AwsServiceName,
    operation: string,
    input: Record<string, unknown>,
    options?: AwsCallOptions,
  ): Promise<Record<string, unknown>>;
  readonly region: string;
  /** Where calls go: `aws` or the custom endpoint URL (the simulator). */
  readonly target: string;
}

/** An AWS call that failed after the SDK's own retries; carries the AWS error code. */
export class AwsCallError extends Error {
  constructor(
    readonly service: AwsServiceName,
    readonly operation: string,
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly httpStatus?: number,
  ) {
    super(`${service}:${operation} failed: ${code}: ${message}`);
    this.name = 'AwsCallError';
  }
}
