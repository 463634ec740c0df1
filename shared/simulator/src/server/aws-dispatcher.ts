import { randomUUID } from 'node:crypto';
import { isRegionDown } from '../model/faults';
import { AwsError, commonErrors } from '../protocol/aws-error';
import { cborProtocol } from '../protocol/cbor-protocol';
import { parseFormBody } from '../protocol/form-body';
import { jsonProtocol } from '../protocol/json-protocol';
import { queryProtocol } from '../protocol/query-protocol';
import { operationSchemas, type OperationSchemas } from '../protocol/schema';
import type { WireResponse } from '../protocol/wire-response';
import type { ServiceDefinition } from '../services/service-definition';
import type { SimulatorWorld } from '../world';
import { jsonSafe, type RequestLog } from './request-log';
import { credentialScope, isSigned, verifySignature, type SignatureFailure, type TestCredentials } from './sigv4';
import type { Throttler } from './throttle';

export interface IncomingAwsRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

type Protocol = 'query' | 'json' | 'cbor';

interface Routed {
  protocol: Protocol;
  service?: ServiceDefinition;
  operation: string;
  formParams?: Map<string, string>;
}

const DEFAULT_REGION = 'us-east-1';

/**
 * Routes an AWS API request to its service and operation (by X-Amz-Target, the RPC v2 CBOR path,
 * or the awsQuery Action plus the SigV4 scope's service name), decodes the input with the SDK
 * schemas, runs the handler and encodes the answer or the error in the same protocol.
 */
export class AwsDispatcher {
  constructor(
    private readonly services: ServiceDefinition[],
    private readonly world: SimulatorWorld,
    private readonly log: RequestLog,
    private readonly throttler: Throttler,
    /** The key pairs signatures are verified against (SIMULATOR_CREDENTIALS by default). */
    private readonly credentials: readonly TestCredentials[],
  ) {}

  handle(request: IncomingAwsRequest): WireResponse {
    const requestId = randomUUID();
    const routed = this.route(request);
    const scope = credentialScope(request.headers.authorization, request.query);
    const region = scope?.region ?? DEFAULT_REGION;
    let params: Record<string, unknown> = {};
    let response: WireResponse;
    try {
      if (!isSigned(request.headers.authorization, request.query)) throw commonErrors.missingAuthentication();
      const refused = verifySignature(request, this.credentials, Date.now());
      if (refused) throw authenticationError(refused, routed);
      const service = routed.service;
      const schemas = service ? operationSchemas(service.schemas, routed.operation) : undefined;
      const run = service?.handlers[routed.operation];
      if (!service || !schemas || !run) throw unknownOperation(routed);
      if (isRegionDown(this.world.state.faults, region)) {
        throw commonErrors.serviceUnavailable(`Service unavailable in ${region} (simulated region outage).`);
      }
      if (this.throttler.isThrottled(this.world.state.faults.throttles, service.signingName, routed.operation, region, Date.now())) {
        throw commonErrors.throttling(routed.protocol !== 'query');
      }
      params = this.decode(routed, schemas, request);
      const output = run(params as never, { region, requestId });
      response = this.encode(routed, service, schemas, output, requestId);
    } catch (error) {
      response = this.encodeError(routed, toAwsError(error), requestId);
    }
    this.log.add({
      time: new Date().toISOString(),
      service: routed.service?.signingName ?? scope?.service ?? 'unknown',
      operation: routed.operation,
      region,
      protocol: routed.protocol,
      params: jsonSafe(params) as Record<string, unknown>,
      wireParams: routed.formParams ? wireParams(routed.formParams) : undefined,
      status: response.status,
      errorCode: response.status >= 400 ? errorCodeOf(response) : undefined,
    });
    return response;
  }

  private route(request: IncomingAwsRequest): Routed {
    const target = request.headers['x-amz-target'];
    if (target) {
      const dot = target.lastIndexOf('.');
      const prefix = target.slice(0, dot);
      return { protocol: 'json', service: this.services.find((s) => s.jsonTarget === prefix), operation: target.slice(dot + 1) };
    }
    const cbor = /^\/service\/([^/]+)\/operation\/([^/?]+)/.exec(request.path);
    if (cbor) {
      return { protocol: 'cbor', service: this.services.find((s) => s.cborServiceName === cbor[1]), operation: cbor[2] };
    }
    const formParams = parseFormBody(request.body.toString('utf8'));
    for (const [k, v] of request.query) if (!formParams.has(k)) formParams.set(k, v);
    const operation = formParams.get('Action') ?? '';
    const scope = credentialScope(request.headers.authorization, request.query);
    const service =
      this.services.find((s) => s.xmlNamespace && s.signingName === scope?.service) ??
      this.services.find((s) => s.xmlNamespace && s.handlers[operation]);
    return { protocol: 'query', service, operation, formParams };
  }

  private decode(routed: Routed, schemas: OperationSchemas, request: IncomingAwsRequest): Record<string, unknown> {
    switch (routed.protocol) {
      case 'query':
        return queryProtocol.decode(schemas, routed.formParams ?? new Map());
      case 'json':
        return jsonProtocol.decode(schemas, request.body.toString('utf8'));
      case 'cbor':
        return cborProtocol.decode(schemas, request.body);
    }
  }

  private encode(routed: Routed, service: ServiceDefinition, schemas: OperationSchemas, output: unknown, requestId: string): WireResponse {
    switch (routed.protocol) {
      case 'query':
        return queryProtocol.encode(service, schemas, output, requestId);
      case 'json':
        return jsonProtocol.encode(service, schemas, output, requestId);
      case 'cbor':
        return cborProtocol.encode(service, schemas, output, requestId);
    }
  }

  private encodeError(routed: Routed, error: AwsError, requestId: string): WireResponse {
    if (routed.protocol === 'query' || !routed.service) return queryProtocol.encodeError(routed.service, error, requestId);
    if (routed.protocol === 'json') return jsonProtocol.encodeError(routed.service, error, requestId);
    return cborProtocol.encodeError(routed.service, error, requestId);
  }
}

/**
 * AWS's answer to a request it cannot authenticate, per protocol. awsQuery services (RDS, STS) and
 * query-compatible CloudWatch answer 403 `InvalidClientTokenId` / `SignatureDoesNotMatch` (also for
 * an expired signature: aws/aws-cli#6676, STS GetCallerIdentity; the Common Errors page of the
 * RDS/STS/CloudWatch API references). JSON services (Cost Explorer, Price List) answer 400
 * `UnrecognizedClientException` / `InvalidSignatureException` (aws/aws-sdk-js#254,
 * aws/aws-sdk-php#1780: "Signature expired: … (… - 15 min.)" as InvalidSignatureException, 400).
 */
function authenticationError(failure: SignatureFailure, routed: Routed): AwsError {
  const queryCodes = routed.protocol === 'query' || !routed.service || routed.service.awsQueryCompatible;
  // IncompleteSignature "The request signature does not conform to AWS standards": 400 in the Common
  // Errors of the awsQuery API references (RDS, CloudWatch, STS), 403 in those of JSON services
  // (e.g. the Lambda and AWS Signer API references).
  if (failure.kind === 'incomplete') return new AwsError('IncompleteSignature', failure.message, queryCodes ? 400 : 403);
  if (queryCodes) {
    return new AwsError(failure.kind === 'unknown-key' ? 'InvalidClientTokenId' : 'SignatureDoesNotMatch', failure.message, 403);
  }
  return new AwsError(failure.kind === 'unknown-key' ? 'UnrecognizedClientException' : 'InvalidSignatureException', failure.message, 400);
}

function unknownOperation(routed: Routed): AwsError {
  if (routed.protocol === 'query') return commonErrors.invalidAction(routed.operation || '(no Action)');
  return new AwsError('UnknownOperationException', `The simulator does not implement ${routed.operation}.`, 400);
}

function toAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`simulator: internal error: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  return commonErrors.internalFailure(`Internal simulator error: ${message}`);
}

function wireParams(form: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (k !== 'Action' && k !== 'Version') out[k] = v;
  return out;
}

function errorCodeOf(response: WireResponse): string | undefined {
  const header = response.headers['x-amzn-query-error'];
  if (header) return header.split(';')[0];
  if (typeof response.body === 'string') {
    const xml = /<Code>([^<]+)<\/Code>/.exec(response.body);
    if (xml) return xml[1];
    try {
      return (JSON.parse(response.body) as { __type?: string }).__type?.split('#').pop();
    } catch {
      return undefined;
    }
  }
  return undefined;
}
