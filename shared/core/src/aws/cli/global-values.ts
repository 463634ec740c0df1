import { isAwsRegion } from '../region';

/**
 * What the value of a global option must look like. The same check applies to a value written in
 * the runbook and to one a template renders at run time, so `--region {{ region }}` can only ever
 * name a region: never another option, an endpoint or a second word.
 */
const CHECKS: Record<string, { test(value: string): boolean; what: string }> = {
  region: { test: isAwsRegion, what: 'an AWS region such as eu-west-1' },
  'endpoint-url': { test: (v) => /^https?:\/\/[^\s/?#]+\S*$/.test(v), what: 'an http(s) URL such as https://rds.eu-west-1.amazonaws.com' },
  profile: { test: (v) => /^[\w.+@-]+$/.test(v), what: 'a profile name (letters, digits, `_.+@-`)' },
  output: { test: (v) => ['json', 'text', 'table', 'yaml', 'yaml-stream'].includes(v), what: 'json, text, table, yaml or yaml-stream' },
  color: { test: (v) => ['on', 'off', 'auto'].includes(v), what: 'on, off or auto' },
  'cli-read-timeout': { test: (v) => /^\d+$/.test(v), what: 'a whole number of seconds' },
  'cli-connect-timeout': { test: (v) => /^\d+$/.test(v), what: 'a whole number of seconds' },
  'max-items': { test: (v) => /^\d+$/.test(v), what: 'a whole number' },
  'page-size': { test: (v) => /^\d+$/.test(v), what: 'a whole number' },
};

/** What `--name` takes (`an AWS region such as eu-west-1`) when `value` is not that, else undefined. */
export function unfitGlobalValue(name: string, value: string): string | undefined {
  const check = CHECKS[name];
  return check && !check.test(value) ? check.what : undefined;
}
