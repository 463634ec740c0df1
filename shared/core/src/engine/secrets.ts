/**
 * Secret params (`secret: true`): their values never reach the run record, its audit, events, logs
 * or exports — the record holds `[secret]` — and the process driving the run holds them in memory.
 * Whatever text a run writes (a log line, an error, a block's output, an in-flight call) is also
 * scrubbed of the values themselves, in case a template put one somewhere visible.
 */
import type { Runbook } from '../runbook/model';

export const SECRET_MARK = '[secret]';
/** Shorter values are not scrubbed from free text (they would blank out ordinary words). */
const MIN_SCRUBBED_LENGTH = 4;

export function secretParamNames(runbook: Runbook): string[] {
  return runbook.params.filter((p) => p.secret).map((p) => p.name);
}

/** The params as the run record keeps them (secrets marked), and the secret values apart. */
export function splitSecrets(
  runbook: Runbook,
  values: Record<string, unknown>,
): { visible: Record<string, unknown>; secrets: Record<string, unknown> } {
  const names = new Set(secretParamNames(runbook));
  const visible: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (names.has(name) && value !== undefined && value !== '') {
      secrets[name] = value;
      visible[name] = SECRET_MARK;
    } else {
      visible[name] = value;
    }
  }
  return { visible, secrets };
}

/** Replaces every secret value in text, and in the strings of a JSON value. */
export class SecretScrubber {
  private readonly values: string[];

  constructor(secrets: Record<string, unknown>) {
    this.values = Object.values(secrets)
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .filter((v) => v.length >= MIN_SCRUBBED_LENGTH)
      .sort((a, b) => b.length - a.length);
  }

  get empty(): boolean {
    return this.values.length === 0;
  }

  text(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join(SECRET_MARK);
    return out;
  }

  value<T>(value: T): T {
    if (this.empty || value === undefined) return value;
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.value(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.value(v)])) as T;
    }
    return value;
  }
}
