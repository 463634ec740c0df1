/** Names CEL reserves; a param, step id or observe name cannot be one of them. */
const CEL_RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isCelIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !CEL_RESERVED.has(name);
}

/**
 * The step id derived from a heading: lowercase ASCII words joined by `_`, so it can be used
 * as `steps.<id>` in CEL. "Fail over to the new writer" → `fail_over_to_the_new_writer`.
 */
export function slugify(name: string, fallback: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let slug = ascii
    .toLowerCase()
    .replace(/[`*_~]/g, ' ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') return fallback;
  if (/^[0-9]/.test(slug)) slug = `step_${slug}`;
  return CEL_RESERVED.has(slug) ? `${slug}_step` : slug;
}
