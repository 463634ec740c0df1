/**
 * The narrow ports through which the core talks to AWS. Everything above them is pure and is
 * tested against the simulator through the real SDK implementation (`SdkAwsGateway`).
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { STSClient } from '@aws-sdk/client-sts';

export type AwsServiceName = 'rds' | 'cloudwatch' | 'ce' | 'sts' | 'resourcegroupstaggingapi';

export interface AwsCallOptions {
  /** Overrides the gateway's default region for this call (e.g. a Global Database secondary). */
  region?: string;
  signal?: AbortSignal;
  /**
   * Records an entry in the audit trail of the run making the call (set by the engine for a
   * runbook's `aws` block): a gateway that asks a person before sending records who answered.
   */
  audit?: (entry: CallAuditEntry) => Promise<void>;
}

/** An audit entry a gateway records about one call, e.g. `{ actor: 'alice', action: 'confirmed FailoverDBCluster', detail }`. */
export interface CallAuditEntry {
  actor: string;
  action: string;
  detail?: string;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** An SDK client the core reads AWS with. */
export type ReadClient = RDSClient | CloudWatchClient | CostExplorerClient | STSClient;

/** What a gateway passes when it constructs a ReadClient (its endpoint, credentials and retries). */
export interface ReadClientConfig {
  region: string;
  [option: string]: unknown;
}

/** The class of a ReadClient, e.g. `RDSClient`. */
export type ReadClientClass<C extends ReadClient> = new (config: ReadClientConfig) => C;

/**
 * The core's own reads (live views, topology, fleet, cost, reconciliation), typed by the SDK:
 *
 *     const rds = aws.readClient(RDSClient, region);
 *     const { DBClusters } = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }));
 *     for await (const page of paginateDescribeDBInstances({ client: rds }, {})) …
 */
export interface AwsReads {
  /**
   * A client of one service in `region` (default: the gateway's region) that only reads: a command
   * that would change AWS is refused before it is sent. Every failure is an AwsCallError.
   */
  readClient<C extends ReadClient>(Client: ReadClientClass<C>, region?: string): C;
  readonly region: string;
  /** Where calls go: `aws` or the custom endpoint URL (the simulator). */
  readonly target: string;
  /**
   * Runs' `observe:` reads through this gateway are batched and shared (live/observer.ts): a host
   * keeps one gateway per account and region, so one observer serves all its runs. Unset: each
   * observation reads on its own.
   */
  readonly sharedObservations?: boolean;
}

/** The reads, plus the one way to send what a runbook `aws` line names. */
export interface AwsGateway extends AwsReads {
  /**
   * Sends one SDK operation of a runbook `aws` line, e.g. `call('rds', 'FailoverDBCluster', {...})`;
   * resolves to its output without `$metadata`. The core's own reads use `readClient` instead.
   */
  call(
    service: AwsServiceName,
    operation: string,
    input: Record<string, unknown>,
    options?: AwsCallOptions,
  ): Promise<Record<string, unknown>>;
}

export interface AwsCallErrorFields {
  service: AwsServiceName;
  operation: string;
  /** AWS's error code (`DBClusterNotFoundFault`, `Throttling`), or the SDK's when AWS did not answer (`TimeoutError`, `ECONNREFUSED`). */
  code: string;
  /** AWS's own message (or the SDK's when AWS did not answer), unprefixed. */
  awsMessage: string;
  /** Trying again later may work (throttling, an AWS internal error). */
  retryable: boolean;
  /** The HTTP status AWS answered with; absent when no answer came (timeout, connection refused, never sent). */
  httpStatus?: number;
  /**
   * The request certainly did not take effect: AWS answered it with an error (a 4xx), or it was
   * never sent (the operator declined it). False when it may have: no answer, or a 5xx.
   */
  notApplied: boolean;
  /** What an on-call engineer can do about it, in plain words. */
  hint?: string;
  /** The SDK's own error, e.g. a `DBClusterNotFoundFault`. */
  cause?: unknown;
}

/** An AWS call that failed (after the SDK's own retries). */
export class AwsCallError extends Error {
  readonly service: AwsServiceName;
  readonly operation: string;
  readonly code: string;
  readonly awsMessage: string;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly notApplied: boolean;
  readonly hint?: string;

  constructor(fields: AwsCallErrorFields) {
    const { service, operation, code, awsMessage, hint } = fields;
    super(`${service}:${operation} failed: ${code}: ${awsMessage}${hint ? ` — ${hint}` : ''}`, { cause: fields.cause });
    this.name = 'AwsCallError';
    this.service = service;
    this.operation = operation;
    this.code = code;
    this.awsMessage = awsMessage;
    this.retryable = fields.retryable;
    this.httpStatus = fields.httpStatus;
    this.notApplied = fields.notApplied;
    this.hint = hint;
  }
}

/** AWS's throttling error codes (RDS `Throttling`, CloudWatch `ThrottlingException`, EC2-style `RequestLimitExceeded`, …). */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/**
 * Why AWS asked the caller to slow down, or undefined: the call was throttled, or AWS answered
 * with a 5xx (an internal error or unavailability). Anything else (a 4xx, no answer) is no reason to poll less often.
 */
export function awsAskedToSlowDown(error: unknown): string | undefined {
  if (!(error instanceof AwsCallError)) return undefined;
  if (THROTTLING_CODES.has(error.code)) return `AWS is throttling ${error.operation} (${error.code})`;
  if (error.httpStatus !== undefined && error.httpStatus >= 500)
    return `AWS answered ${error.operation} with ${error.httpStatus} ${error.code}`;
  return undefined;
}
