import type { DeclaredOutput } from '@switchyard/core';

/** Longest value shown on the terminal; the whole value stays in the run record (and `run --json` events). */
const MAX_VALUE = 400;

/**
 * A step's declared outputs as terminal lines, `name: value`: text as it is, anything else as
 * compact JSON; a value over several lines continues indented; a very long one is cut, saying so.
 */
export function formatOutputs(outputs: readonly DeclaredOutput[]): string[] {
  return outputs.flatMap(({ name, value }) => {
    let text = typeof value === 'string' ? value : value === undefined ? 'null' : JSON.stringify(value);
    if (text.length > MAX_VALUE)
      text = `${text.slice(0, MAX_VALUE)}… (${text.length} characters; the whole value is in the run record and in run --json)`;
    const [first, ...rest] = text.split('\n');
    return [`${name}: ${first}`, ...rest.map((l) => `  ${l}`)];
  });
}
