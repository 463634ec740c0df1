import { suggestedByHint } from '@switchyard/core';

/** A diagnostic's quick fix: put `text` in place of the first `length` characters of its range. */
export interface QuickFix {
  title: string;
  text: string;
  /** How much of the squiggled token it replaces (a `--flag=value` keeps its `=value`). */
  length: number;
}

/**
 * The fix a placed diagnostic's "did you mean `x`?" hint offers for the token it squiggles (the
 * message carries the hint on its last line, as placeDiagnostics writes it); undefined without one.
 */
export function quickFixFor(message: string, token: string): QuickFix | undefined {
  const hint = /\nhint: (.*)$/.exec(message)?.[1];
  const text = suggestedByHint(hint);
  if (!text) return undefined;
  const length = token.startsWith('--') && token.includes('=') ? token.indexOf('=') : token.length;
  if (length === 0 || token.slice(0, length) === text) return undefined;
  return { title: `Change to ${text}`, text, length };
}
