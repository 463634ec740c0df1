import type { AwsServiceName, CallerIdentity } from '@switchyard/core';

/** A mutating AWS call about to be sent, with everything the operator must see to confirm it. */
export interface MutationRequest {
  service: AwsServiceName;
  operation: string;
  input: Record<string, unknown>;
  region: string;
  /** `aws` (real AWS) or the custom endpoint URL. */
  target: string;
  identity: CallerIdentity;
}

/** The resources a call names: its `…Identifier`, `…Arn` and `…Name` members, in input order. */
export function resourcesOf(input: Record<string, unknown>): string[] {
  return Object.entries(input)
    .filter(([key, value]) => /(Identifier|Arn|Name)s?$/.test(key) && (typeof value === 'string' || Array.isArray(value)))
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : String(value)}`);
}

/** The modal's title and detail: account, region and resource first, then who is calling and where. */
export function describeMutation(request: MutationRequest): { message: string; detail: string } {
  const resources = resourcesOf(request.input);
  const where = request.target === 'aws' ? 'AWS' : `the endpoint ${request.target}`;
  return {
    message: `${request.operation} on ${resources[0] ?? 'AWS'} in account ${request.identity.account}, ${request.region}?`,
    detail: [
      `Mutating call: ${request.service} ${request.operation}`,
      `Account: ${request.identity.account}`,
      `Region: ${request.region}`,
      `Resource: ${resources.length ? resources.join('; ') : '(none named in the call)'}`,
      `Caller: ${request.identity.arn}`,
      `Sent to: ${where}`,
    ].join('\n'),
  };
}
