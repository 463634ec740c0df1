import { awsFailureKind } from './failure-kind';
import { toAwsCallError } from './sdk-errors';

/** An error as the SDK v3 throws it: AWS's code as `name` (and `Code` on query protocols), its message, the HTTP status. */
const sdk = (name: string, message: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }), ...extra });
const call = { service: 'rds' as const, operation: 'DescribeDBClusters', target: 'aws' };
const hint = (error: unknown) => toAwsCallError(error, call).hint;

describe('each family of failure gets its own hint', () => {
  it('clock skew: the machine clock, and how to check it', () => {
    const skewed = [
      sdk('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403),
      // Query protocols (RDS, STS): SignatureDoesNotMatch with the signing time in the message.
      sdk(
        'SignatureDoesNotMatch',
        'Signature expired: 20261205T170000Z is now earlier than 20261205T171000Z (20261205T171500Z - 5 min.)',
        403,
        { Code: 'SignatureDoesNotMatch' },
      ),
      // JSON protocols (CloudWatch, Cost Explorer): InvalidSignatureException, same words.
      sdk('InvalidSignatureException', 'Signature expired: 20261205T170000Z is now earlier than 20261205T171000Z', 400),
      sdk('InvalidSignatureException', 'Signature not yet current: 20261205T180000Z is still later than 20261205T171500Z', 400),
      sdk('RequestInTheFuture', 'Request is not yet valid', 400),
    ];
    for (const error of skewed) {
      expect(awsFailureKind(error)?.kind).toBe('clock-skew');
      expect(hint(error)).toMatch(/^this machine's clock is off by more than 5 minutes, .*compare `date -u` with the real UTC time/);
    }
  });

  it('a signature that does not match for another reason is the credentials, not the clock', () => {
    const wrongKey = sdk(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      403,
    );
    expect(awsFailureKind(wrongKey)?.kind).toBe('rejected');
    expect(hint(wrongKey)).toBe('AWS does not accept these credentials: check the profile or keys in use');
    expect(hint(wrongKey)).not.toContain('clock');
  });

  it('throttling', () => {
    for (const name of ['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']) {
      expect(hint(sdk(name, 'Rate exceeded', 400))).toBe('AWS kept throttling the call through every retry: wait a minute and try again');
      expect(toAwsCallError(sdk(name, 'Rate exceeded', 400), call).retryable).toBe(true);
    }
  });

  it('expired credentials', () => {
    for (const name of ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'])
      expect(hint(sdk(name, 'The security token included in the request is expired', 400))).toBe(
        'the AWS session has expired: sign in again (e.g. aws sso login) and retry',
      );
  });

  it('denied', () => {
    for (const name of ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'])
      expect(hint(sdk(name, 'User: arn:aws:iam::123456789012:user/x is not authorized', 403))).toBe(
        'these credentials may not call rds:DescribeDBClusters: ask for that IAM permission or use another profile',
      );
  });

  it('no answer in time, no answer at all, no credentials', () => {
    expect(hint(sdk('TimeoutError', 'Connection timed out after 5000 ms'))).toBe(
      'AWS did not answer in time; if this was a change, look at the resource before sending it again',
    );
    expect(hint(Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT' }))).toMatch(/did not answer in time/);
    expect(
      toAwsCallError(sdk('Error', 'connect ECONNREFUSED 127.0.0.1:4566', undefined, { code: 'ECONNREFUSED' }), {
        ...call,
        target: 'http://127.0.0.1:4566',
      }).hint,
    ).toBe('no answer from the endpoint http://127.0.0.1:4566: check the network, VPN or proxy, and the endpoint');
    expect(hint(sdk('CredentialsProviderError', 'Could not load credentials from any providers'))).toMatch(
      /^no AWS credentials were found/,
    );
    expect(hint(sdk('AbortError', 'Request aborted'))).toBeUndefined();
  });

  it('an error AWS explains itself gets no hint; a 5xx says to try later', () => {
    expect(hint(sdk('DBClusterNotFoundFault', 'DBCluster prod-app not found.', 404, { Code: 'DBClusterNotFoundFault' }))).toBeUndefined();
    expect(hint(sdk('InternalFailure', 'internal error', 500))).toBe('AWS had an internal error; trying again later usually works');
  });
});
