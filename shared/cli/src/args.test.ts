import { paramPairs, parseCommandArgs, UsageError } from './args';
import { EXIT, exitCodeFor } from './exit-codes';
import { InputError } from './input-error';
import { formatDuration } from './output/progress';

describe('--param pairs', () => {
  it('splits at the first = so values may contain =', () => {
    expect(paramPairs(['cluster=prod-app', 'query=a=b'])).toEqual({ cluster: 'prod-app', query: 'a=b' });
  });
  it('refuses a param given twice, naming it and both values, rather than using the last one', () => {
    expect(() => paramPairs(['cluster=prod-app', 'target=x', 'cluster=billing-db'])).toThrow(InputError);
    expect(() => paramPairs(['cluster=prod-app', 'cluster=billing-db'])).toThrow(
      '--param cluster is given twice ("prod-app", then "billing-db"); nothing was run\n  hint: give each param once: --param cluster=<the one you mean>',
    );
    expect(() => paramPairs(['cluster=prod-app', 'cluster=prod-app'])).toThrow(/given twice/);
  });
  it('refuses a pair without a name or =', () => {
    expect(() => paramPairs(['prod-app'])).toThrow(UsageError);
    expect(() => paramPairs(['=x'])).toThrow(/name=value/);
  });
});

it('an unknown flag is a usage error naming it', () => {
  expect(() => parseCommandArgs(['--endpiont', 'x'], {})).toThrow(/endpiont/);
});

it('exit codes say how a run ended', () => {
  expect(['succeeded', 'failed', 'waiting-approval', 'aborted', 'rolled-back', 'running'].map((s) => exitCodeFor(s as never))).toEqual([
    0, 1, 3, 4, 5, 130,
  ]);
});

it('every exit code is distinct, and a partial cost report has its own (6)', () => {
  const codes = Object.values(EXIT);
  expect(new Set(codes).size).toBe(codes.length);
  expect(EXIT.partial).toBe(6);
});

it('durations read like a person would say them', () => {
  expect([formatDuration(42), formatDuration(4300), formatDuration(125_000)]).toEqual(['42 ms', '4.3 s', '2 min 5 s']);
});
