import { isAwsRegion } from '../aws/region';
import { suggestion } from './closest-match';
import { DURATION_HINT, parseDuration } from './duration';
import type { ParamSpec, ParamType, Runbook } from './model';

export type ParamValue = string | number | boolean;

/**
 * Identifier formats. Besides catching typos before a run starts they keep `,` `=` and spaces
 * out of values that are substituted into aws command lines.
 */
const RDS_IDENTIFIER = /^[A-Za-z][A-Za-z0-9-]{0,254}$/;
const RDS_ARN = /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:[a-z-]+:[A-Za-z0-9-]+$/;
const FORMATS: Partial<Record<ParamType, { test(value: string): boolean; what: string }>> = {
  'rds-cluster': {
    test: (v) => RDS_IDENTIFIER.test(v) || RDS_ARN.test(v),
    what: 'an Aurora cluster identifier (letters, digits, hyphens) or ARN',
  },
  'rds-instance': {
    test: (v) => RDS_IDENTIFIER.test(v) || RDS_ARN.test(v),
    what: 'a DB instance identifier (letters, digits, hyphens) or ARN',
  },
  'global-cluster': {
    test: (v) => RDS_IDENTIFIER.test(v) || RDS_ARN.test(v),
    what: 'a global cluster identifier (letters, digits, hyphens) or ARN',
  },
  'blue-green-deployment': {
    test: (v) => /^[A-Za-z0-9-]+$/.test(v) || RDS_ARN.test(v),
    what: 'a blue/green deployment identifier (e.g. bgd-0123abcd) or ARN',
  },
  'aws-region': { test: isAwsRegion, what: 'an AWS region such as eu-west-1' },
};

const TRUE = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off']);

/**
 * Coerces the strings an operator typed (CLI `--param k=v`, a UI form) to the declared types,
 * applies defaults, and lists every problem: unknown names, missing required params, values of
 * the wrong type or outside the enum. Durations become seconds.
 */
export function validateParamValues(
  runbook: Pick<Runbook, 'params'>,
  raw: Record<string, string>,
): { values: Record<string, ParamValue>; errors: string[] } {
  const values: Record<string, ParamValue> = {};
  const errors: string[] = [];
  const names = runbook.params.map((p) => p.name);
  for (const name of Object.keys(raw)) {
    if (!names.includes(name)) errors.push(`unknown param \`${name}\`: ${suggestion(name, names, 'one of')}`);
  }
  for (const spec of runbook.params) {
    const given = Object.prototype.hasOwnProperty.call(raw, spec.name) ? raw[spec.name] : undefined;
    if (given === undefined && spec.default === undefined) {
      if (spec.required) errors.push(`missing required param \`${spec.name}\` (${describe(spec)})`);
      continue;
    }
    const coerced = coerce(spec, given ?? spec.default!);
    if (typeof coerced === 'object') {
      errors.push(`param \`${spec.name}\`: ${coerced.error}`);
      continue;
    }
    if (spec.enum && !spec.enum.some((allowed) => allowed === coerced)) {
      errors.push(`param \`${spec.name}\`: ${JSON.stringify(coerced)} is not one of ${spec.enum.map((e) => JSON.stringify(e)).join(', ')}`);
      continue;
    }
    values[spec.name] = coerced;
  }
  return { values, errors };
}

function coerce(spec: ParamSpec, value: ParamValue): ParamValue | { error: string } {
  const text = String(value).trim();
  switch (spec.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : text === '' ? NaN : Number(text);
      return Number.isFinite(n) ? n : { error: `\`${text}\` is not a number` };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (TRUE.has(text.toLowerCase())) return true;
      if (FALSE.has(text.toLowerCase())) return false;
      return { error: `\`${text}\` is not a boolean (true or false)` };
    }
    case 'duration': {
      const seconds = parseDuration(value);
      return seconds === undefined ? { error: `\`${text}\` is not a duration; ${DURATION_HINT}` } : seconds;
    }
    default: {
      const format = FORMATS[spec.type];
      // An optional param may be explicitly empty (`default: ""`): "none chosen".
      if (text === '') return spec.required ? { error: 'is empty' } : '';
      if (format && !format.test(text)) return { error: `\`${text}\` is not ${format.what}` };
      return text;
    }
  }
}

function describe(spec: ParamSpec): string {
  return spec.description ? `${spec.type}: ${spec.description}` : spec.type;
}
