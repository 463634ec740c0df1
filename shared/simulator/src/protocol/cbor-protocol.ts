import { cbor, dateToTag } from '@smithy/core/cbor';
import type { ServiceDefinition } from '../services/service-definition';
import { AwsError } from './aws-error';
import { jsonErrorIdentity } from './json-protocol';
import { readDocument, writeDocument } from './json-shapes';
import type { OperationSchemas } from './schema';
import type { WireResponse } from './wire-response';

/**
 * Smithy RPC v2 CBOR (`POST /service/<Service>/operation/<Op>`), which botocore prefers for
 * CloudWatch. Timestamps are CBOR tag 1 (epoch seconds).
 */
export const cborProtocol = {
  decode(op: OperationSchemas, body: Uint8Array): Record<string, unknown> {
    let parsed: unknown = {};
    if (body.byteLength > 0) {
      try {
        parsed = cbor.deserialize(body);
      } catch {
        throw new AwsError('SerializationException', 'Request body is not valid CBOR', 400);
      }
    }
    return (readDocument(op.input, parsed) as Record<string, unknown> | undefined) ?? {};
  },

  encode(_service: ServiceDefinition, op: OperationSchemas, output: unknown, requestId: string): WireResponse {
    const document = writeDocument(op.output, output ?? {}, (d) => dateToTag(d), false) ?? {};
    return { status: 200, headers: cborHeaders(requestId), body: cbor.serialize(document) };
  },

  encodeError(service: ServiceDefinition, error: AwsError, requestId: string): WireResponse {
    const { status, type, queryCode, fault } = jsonErrorIdentity(service, error);
    const headers = cborHeaders(requestId);
    if (service.awsQueryCompatible) headers['x-amzn-query-error'] = `${queryCode};${fault === 'server' ? 'Receiver' : 'Sender'}`;
    const namespaced = type.includes('#')
      ? type
      : `com.amazonaws.${service.signingName === 'monitoring' ? 'cloudwatch' : service.signingName}#${type}`;
    return { status, headers, body: cbor.serialize({ __type: namespaced, message: error.message }) };
  },
};

function cborHeaders(requestId: string): Record<string, string> {
  return { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', 'x-amzn-requestid': requestId };
}
