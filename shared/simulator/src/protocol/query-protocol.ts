import type { ServiceDefinition } from '../services/service-definition';
import { AwsError } from './aws-error';
import { decodeQueryInput } from './query-decoder';
import { errorShapeInfo, type OperationSchemas } from './schema';
import type { WireResponse } from './wire-response';
import { escapeXml, writeXml } from './xml-writer';

/** awsQuery: form-encoded input, `<OpResponse><OpResult>` XML output, `<ErrorResponse>` errors. */
export const queryProtocol = {
  decode(op: OperationSchemas, params: Map<string, string>): Record<string, unknown> {
    return decodeQueryInput(op.input, params);
  },

  encode(service: ServiceDefinition, op: OperationSchemas, output: unknown, requestId: string): WireResponse {
    const result = writeXml(op.output, output ?? {}, `${op.name}Result`);
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<${op.name}Response xmlns="${service.xmlNamespace ?? ''}">${result}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op.name}Response>`;
    return { status: 200, headers: xmlHeaders(requestId), body };
  },

  encodeError(service: ServiceDefinition | undefined, error: AwsError, requestId: string): WireResponse {
    const info = service ? errorShapeInfo(service.schemas, error.code) : undefined;
    const code = info?.queryCode ?? error.code;
    const status = info?.status ?? error.status ?? 400;
    const type = (info?.fault ?? error.fault) === 'server' ? 'Receiver' : 'Sender';
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<ErrorResponse xmlns="${service?.xmlNamespace ?? ''}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status, headers: xmlHeaders(requestId), body };
  },
};

function xmlHeaders(requestId: string): Record<string, string> {
  return { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
}
