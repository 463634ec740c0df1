import type { ParamSpec } from './model';
import { validateParamValues } from './param-values';

const pos = { line: 1, column: 1 };
const params: ParamSpec[] = [
  { name: 'cluster', type: 'rds-cluster', required: true, pos },
  { name: 'target', type: 'rds-instance', required: false, default: '', pos },
  { name: 'max_lag', type: 'number', required: false, default: 1000, pos },
  { name: 'force', type: 'boolean', required: false, default: false, pos },
  { name: 'hold', type: 'duration', required: false, default: '2m', pos },
  { name: 'region', type: 'aws-region', required: false, pos },
  { name: 'mode', type: 'string', required: false, default: 'planned', enum: ['planned', 'unplanned'], pos },
];

describe('validateParamValues', () => {
  it('coerces strings to the declared types and applies defaults', () => {
    expect(
      validateParamValues({ params }, { cluster: 'prod-app', max_lag: '250', force: 'yes', hold: '1h30m', region: 'eu-west-1' }),
    ).toEqual({
      values: { cluster: 'prod-app', target: '', max_lag: 250, force: true, hold: 5400, region: 'eu-west-1', mode: 'planned' },
      errors: [],
    });
  });

  it('reports every problem at once', () => {
    const { errors } = validateParamValues(
      { params },
      { clustr: 'x', max_lag: 'lots', force: 'maybe', hold: 'soon', region: 'Europe', mode: 'fast' },
    );
    expect(errors).toEqual([
      'unknown param `clustr`: did you mean `cluster`?',
      'missing required param `cluster` (rds-cluster)',
      'param `max_lag`: `lots` is not a number',
      'param `force`: `maybe` is not a boolean (true or false)',
      'param `hold`: `soon` is not a duration; write a duration like `30s`, `2m`, `1h30m`, or a number of seconds',
      'param `region`: `Europe` is not an AWS region such as eu-west-1',
      'param `mode`: "fast" is not one of "planned", "unplanned"',
    ]);
  });

  it('keeps separators out of identifiers substituted into aws lines', () => {
    expect(validateParamValues({ params }, { cluster: 'a,Values=b' }).errors).toEqual([
      'param `cluster`: `a,Values=b` is not an Aurora cluster identifier (letters, digits, hyphens) or ARN',
    ]);
    expect(validateParamValues({ params }, { cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:prod' }).errors).toEqual([]);
  });

  it('refuses an empty value for a required param', () => {
    expect(validateParamValues({ params }, { cluster: '' }).errors).toEqual(['param `cluster`: is empty']);
  });
});
