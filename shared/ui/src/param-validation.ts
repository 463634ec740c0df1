/** Checks the form's values before submit, with messages that say what to type. */
import type { ParamValues, RunbookParam } from './api-types';

/** `30s`, `2m`, `1h`, `1h30m`, or a number of seconds — the runbook format's duration syntax. */
const DURATION = /^(\d+(\.\d+)?|(\d+h)?(\d+m)?(\d+s)?)$/;

/** `nameOf` says what the messages call a param (its name by default; a form may use its label). */
export function validateParams(
  params: RunbookParam[],
  values: ParamValues,
  nameOf: (p: RunbookParam) => string = (p) => p.name,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of params) {
    const v = values[p.name];
    const name = nameOf(p);
    const empty = v === undefined || v === '';
    if (empty) {
      if (p.required) errors[p.name] = `${name} is required`;
      continue;
    }
    if (p.type === 'number' && typeof v === 'string' && !Number.isFinite(Number(v))) errors[p.name] = `${name} must be a number`;
    if (p.type === 'duration' && typeof v === 'string' && (v.trim() === '' || !DURATION.test(v.trim()))) {
      errors[p.name] = `${name} must be a duration like 30s, 2m, 1h30m or a number of seconds`;
    }
  }
  return errors;
}

/** What is sent: numbers as numbers, empty optional values left out (the runbook's default applies). */
export function toSubmitted(params: RunbookParam[], values: ParamValues): ParamValues {
  const out: ParamValues = {};
  for (const p of params) {
    const v = values[p.name];
    if (v === undefined || v === '') continue;
    if (p.type === 'number') out[p.name] = typeof v === 'number' ? v : Number(v);
    else if (p.type === 'boolean') out[p.name] = v === true || v === 'true';
    else if (p.choices?.some((c) => typeof c === 'number') && Number.isFinite(Number(v))) out[p.name] = Number(v);
    else out[p.name] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}
