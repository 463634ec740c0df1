import type { SdkSchemaModule } from '../protocol/schema';

/** Per-request facts a handler may need beyond its input. */
export interface RequestContext {
  /** Region from the SigV4 credential scope (us-east-1 when unsigned scope is absent). */
  region: string;
  requestId: string;
}

/** An operation implementation: typed input (decoded from the wire by the schema) → typed output. */
export type OperationHandler<I = never, O = unknown> = (input: I, context: RequestContext) => O;

/** One AWS service the simulator answers, described by the SDK client's own schemas. */
export interface ServiceDefinition {
  /** SigV4 signing name in the credential scope: rds, sts, monitoring, ce. */
  signingName: string;
  /** The generated SDK module whose `<Op>$` schemas describe the wire shapes. */
  schemas: SdkSchemaModule;
  /** awsQuery: the response xmlns. */
  xmlNamespace?: string;
  /** awsJson: the X-Amz-Target prefix, and the protocol version. */
  jsonTarget?: string;
  jsonVersion?: '1.0' | '1.1';
  /** Errors also carry `x-amzn-query-error` so query-compatible clients map them to query codes. */
  awsQueryCompatible?: boolean;
  /** Smithy RPC v2 CBOR: the service name in `/service/<name>/operation/<Op>`. */
  cborServiceName?: string;
  handlers: Record<string, OperationHandler<never, unknown>>;
}

/** Declares a handler with its SDK input/output types while storing it in an untyped table. */
export function handler<I, O>(fn: (input: I, context: RequestContext) => O): OperationHandler<never, unknown> {
  return fn as unknown as OperationHandler<never, unknown>;
}
