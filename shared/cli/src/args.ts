import { parseArgs } from 'node:util';
import { InputError } from './input-error';

export type Flags = Record<string, string | boolean | string[] | undefined>;

/** Shared option table: every command accepts the connection and identity flags. */
const COMMON = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  store: { type: 'string' },
  as: { type: 'string' },
  groups: { type: 'string' },
  'time-scale': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export class UsageError extends Error {}

export function parseCommandArgs(
  argv: string[],
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>,
): { flags: Flags; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    return { flags: values as Flags, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `--param k=v` pairs into a record; a pair without `=` is a usage error, a param given twice an input error. */
export function paramPairs(values: string[] | undefined): Record<string, string> {
  const params = new Map<string, string>();
  for (const pair of values ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects name=value, got "${pair}"`);
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const first = params.get(name);
    if (first !== undefined) {
      throw new InputError(
        `--param ${name} is given twice (${JSON.stringify(first)}, then ${JSON.stringify(value)}); nothing was run`,
        `give each param once: --param ${name}=<the one you mean>`,
      );
    }
    params.set(name, value);
  }
  return Object.fromEntries(params);
}
