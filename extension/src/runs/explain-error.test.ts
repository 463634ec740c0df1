import { AwsCallError, LockConflictError, TargetUnavailableError } from '@switchyard/core';
import { explainError, explainFailure } from './explain-error';

it('adds the editor’s way forward to the core’s errors, which name no front end', () => {
  expect(explainError(new TargetUnavailableError('run-1', 'sandbox'))).toBe(
    'run run-1 runs on sandbox, which is not available here now: start the sandbox (Switchyard: Start sandbox) to drive it on',
  );
  expect(explainError(new TargetUnavailableError('run-1', 'aws:prod@eu-west-1'))).toMatch(/check the switchyard.aws settings/);
  expect(explainError(new LockConflictError('rds-cluster:prod-app@1/us-east-1', 'run-2'))).toMatch(/see it in the Runs view/);
  expect(explainError(new Error('plain'))).toBe('plain');
});

describe('explainFailure: plain words and a way forward', () => {
  const aws = { kind: 'aws' as const, label: 'AWS oncall', region: 'eu-west-1', profile: 'oncall' };
  const sandbox = { kind: 'sandbox' as const, label: 'Sandbox (demo fleet)', region: 'us-east-1' };
  const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(message), { name, ...extra });

  it('no credentials: sign in with the profile, or choose one', () => {
    const raw = sdkError('CredentialsProviderError', 'Could not load credentials from any providers');
    expect(explainFailure(raw, aws)).toEqual({
      message:
        'No AWS credentials found for AWS oncall (eu-west-1). Sign in (aws sso login --profile oncall) or choose a profile in the settings (switchyard.aws.profile), then Refresh.',
      actions: ['Sign in', 'Open settings', 'Show log'],
    });
    // Wrapped by the gateway: the SDK's error is the cause.
    const wrapped = new AwsCallError({
      service: 'rds',
      operation: 'DescribeDBClusters',
      code: 'CredentialsProviderError',
      awsMessage: raw.message,
      retryable: false,
      notApplied: false,
      cause: raw,
    });
    expect(explainFailure(wrapped, aws).actions[0]).toBe('Sign in');
  });

  it('an expired token or SSO session: sign in again', () => {
    expect(explainFailure(sdkError('ExpiredTokenException', 'The security token included in the request is expired'), aws)).toEqual({
      message: 'Your AWS sign-in for AWS oncall (eu-west-1) has expired. Sign in again (aws sso login --profile oncall), then Refresh.',
      actions: ['Sign in', 'Show log'],
    });
    expect(
      explainFailure(new Error('The SSO session associated with this profile has expired or is otherwise invalid'), aws).actions,
    ).toEqual(['Sign in', 'Show log']);
  });

  it("a clock off by more than 5 minutes: the machine's clock, not a sign-in", () => {
    const skewed = sdkError('SignatureDoesNotMatch', 'Signature expired: 20261205T170000Z is now earlier than 20261205T171000Z', {
      Code: 'SignatureDoesNotMatch',
    });
    const wrapped = new AwsCallError({
      service: 'rds',
      operation: 'DescribeDBClusters',
      code: 'SignatureDoesNotMatch',
      awsMessage: skewed.message,
      retryable: false,
      notApplied: true,
      cause: skewed,
    });
    for (const error of [
      skewed,
      wrapped,
      sdkError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'),
    ]) {
      const explained = explainFailure(error, aws);
      expect(explained.message).toMatch(
        /^AWS refused the request for AWS oncall \(eu-west-1\): this machine's clock is off by more than 5 minutes/,
      );
      expect(explained.message).toContain('`date -u`');
      expect(explained.actions).toEqual(['Show log']);
    }
    // The same code without those words is the credentials.
    expect(explainFailure(sdkError('SignatureDoesNotMatch', 'Check your AWS Secret Access Key'), aws).actions[0]).toBe('Open settings');
  });

  it('nothing answers on the sandbox port: start the sandbox', () => {
    const refused = sdkError('Error', 'connect ECONNREFUSED 127.0.0.1:19997', { code: 'ECONNREFUSED' });
    expect(explainFailure(refused, sandbox)).toEqual({
      message:
        'The sandbox does not answer (nothing listens on 127.0.0.1:19997): it has stopped. Start it again; runs on it continue from where they were.',
      actions: ['Start sandbox', 'Show log'],
    });
    expect(explainFailure(new Error('connect ECONNREFUSED 127.0.0.1:19997')).actions[0]).toBe('Start sandbox');
  });

  it('AWS unreachable: the network, or the endpoint setting', () => {
    expect(explainFailure(sdkError('Error', 'getaddrinfo ENOTFOUND rds.eu-west-1.amazonaws.com', { code: 'ENOTFOUND' }), aws)).toEqual({
      message: 'Cannot reach AWS in eu-west-1 (ENOTFOUND). Check the network, VPN or proxy, then Refresh.',
      actions: ['Open settings', 'Show log'],
    });
  });

  it('anything else keeps its words, with the log', () => {
    expect(explainFailure(new Error('DBClusterNotFoundFault: no such cluster'), aws)).toEqual({
      message: 'DBClusterNotFoundFault: no such cluster',
      actions: ['Show log'],
    });
  });
});
