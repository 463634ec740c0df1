import { LockConflictError, TargetUnavailableError } from '@switchyard/core';
import { explainError } from './explain-error';

it('adds the editor’s way forward to the core’s errors, which name no front end', () => {
  expect(explainError(new TargetUnavailableError('run-1', 'sandbox'))).toBe(
    'run run-1 runs on sandbox, which is not available here now: start the sandbox (Switchyard: Start sandbox) to drive it on',
  );
  expect(explainError(new TargetUnavailableError('run-1', 'aws:prod@eu-west-1'))).toMatch(/check the switchyard.aws settings/);
  expect(explainError(new LockConflictError('rds-cluster:prod-app@1/us-east-1', 'run-2'))).toMatch(/see it in the Runs view/);
  expect(explainError(new Error('plain'))).toBe('plain');
});
