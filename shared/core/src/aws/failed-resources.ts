import { AwsCallError, type AwsServiceName } from './gateway';

/**
 * The Resource Groups Tagging API answers TagResources and UntagResources with HTTP 200 even when
 * some resources were not tagged: they are listed in `FailedResourcesMap` (ARN → StatusCode,
 * ErrorCode, ErrorMessage; API reference, TagResources "Response Elements"). Such an answer is a
 * failure of the call, never a success: the error names every resource that failed and why, and
 * says the others took the change.
 */
export function failedResourcesError(
  service: AwsServiceName,
  operation: string,
  output: Record<string, unknown>,
): AwsCallError | undefined {
  const failed = output.FailedResourcesMap;
  if (!failed || typeof failed !== 'object') return undefined;
  const entries = Object.entries(failed as Record<string, { StatusCode?: number; ErrorCode?: string; ErrorMessage?: string }>);
  if (entries.length === 0) return undefined;
  const lines = entries.map(([arn, f]) => `${arn}: ${f.ErrorCode ?? 'error'} ${f.ErrorMessage ?? ''}`.trim());
  const serverSide = entries.some(([, f]) => (f.StatusCode ?? 0) >= 500 || f.ErrorCode === 'InternalServiceException');
  return new AwsCallError({
    service,
    operation,
    code: entries[0][1].ErrorCode ?? 'FailedResources',
    awsMessage: `${entries.length} resource(s) were not changed: ${lines.join('; ')}`,
    retryable: serverSide,
    httpStatus: 200,
    // The other resources of the request did take the change.
    notApplied: false,
    hint: 'The other resources of the request were changed. Tagging is idempotent: fix what AWS names for each resource, then retry the step.',
  });
}
