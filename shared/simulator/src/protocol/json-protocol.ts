import type { ServiceDefinition } from '../services/service-definition';
import { AwsError, commonErrors } from './aws-error';
import { readDocument, writeDocument } from './json-shapes';
import { errorShapeInfo, type OperationSchemas } from './schema';
import type { WireResponse } from './wire-response';

/** AWS JSON 1.0 / 1.1: `X-Amz-Target: <prefix>.<Op>`, JSON bodies, timestamps as epoch seconds. */
export const jsonProtocol = {
  decode(op: OperationSchemas, body: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      throw new AwsError('SerializationException', 'Request body is not valid JSON', 400);
    }
    return (readDocument(op.input, parsed) as Record<string, unknown> | undefined) ?? {};
  },

  encode(service: ServiceDefinition, op: OperationSchemas, output: unknown, requestId: string): WireResponse {
    const document = writeDocument(op.output, output ?? {}, (d) => d.getTime() / 1000, true) ?? {};
    return { status: 200, headers: jsonHeaders(service, requestId), body: JSON.stringify(document) };
  },

  encodeError(service: ServiceDefinition, error: AwsError, requestId: string): WireResponse {
    const { status, type, queryCode, fault } = jsonErrorIdentity(service, error);
    const headers = jsonHeaders(service, requestId);
    if (service.awsQueryCompatible) headers['x-amzn-query-error'] = `${queryCode};${fault === 'server' ? 'Receiver' : 'Sender'}`;
    return { status, headers, body: JSON.stringify({ __type: type, message: error.message }) };
  },
};

/** The `__type`, HTTP status and query code of an error in a document protocol. */
export function jsonErrorIdentity(
  service: ServiceDefinition,
  error: AwsError,
): { status: number; type: string; queryCode: string; fault: 'client' | 'server' } {
  const info = errorShapeInfo(service.schemas, error.code);
  // Throttling has no shape in these models; document protocols name it ThrottlingException.
  const code = error.code === 'Throttling' ? commonErrors.throttling(true).code : error.code;
  return {
    status: info?.status ?? error.status ?? 400,
    type: info ? info.shape : code,
    queryCode: info?.queryCode ?? error.code,
    fault: info?.fault ?? error.fault,
  };
}

function jsonHeaders(service: ServiceDefinition, requestId: string): Record<string, string> {
  return { 'content-type': `application/x-amz-json-${service.jsonVersion ?? '1.0'}`, 'x-amzn-requestid': requestId };
}
